using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialSla.Core.Privacy;

namespace SocialSla.Core.Tests.Privacy;

public class PiiMaskerPropertyTests
{
    private static readonly string[] Prefixes = ["4", "51", "55", "2221", "2720", "34", "37", "6011", "65", "35"];

    /// <summary>A Luhn-valid card number of 13–19 digits with a network prefix.</summary>
    private static Gen<string> CardNumbers =>
        from prefix in Gen.Elements(Prefixes)
        from length in Gen.Choose(13, 19)
        from body in Gen.Choose(0, 9).ArrayOf(length - prefix.Length - 1)
        let payload = prefix + string.Concat(body)
        select payload + Luhn.CheckDigit(payload);

    private static Gen<string> Grouped(Gen<string> numbers) =>
        from number in numbers
        from separator in Gen.Elements("", " ", "-")
        from size in Gen.Choose(3, 6)
        select separator.Length == 0 ? number : string.Join(separator, number.Chunk(size).Select(c => new string(c)));

    private static readonly Gen<string> Words = Gen.Elements("my", "card", "is", "please", "refund", "order", "thanks", "the", "😡", "—", "!");

    [Property]
    public Property Prop_CheckDigitMakesAnyPayloadLuhnValid() =>
        Prop.ForAll(Gen.Choose(0, 9).ArrayOf().Where(a => a.Length > 0).ToArbitrary(), digits =>
        {
            var payload = string.Concat(digits);
            return Luhn.IsValid(payload + Luhn.CheckDigit(payload));
        });

    [Property]
    public Property Prop_LuhnCatchesEverySingleDigitError() =>
        Prop.ForAll(CardNumbers.ToArbitrary(), Gen.Choose(0, 18).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (card, at, delta) =>
        {
            var position = at % card.Length;
            var chars = card.ToCharArray();
            chars[position] = (char)('0' + (chars[position] - '0' + delta) % 10);
            return Luhn.IsValid(card) && !Luhn.IsValid(chars);
        });

    [Property]
    public Property Prop_ACardNumberInAnyGroupingAndSentenceIsMasked() =>
        Prop.ForAll(Grouped(CardNumbers).ToArbitrary(), Words.ListOf().ToArbitrary(), Words.ListOf().ToArbitrary(), (card, before, after) =>
        {
            var text = string.Join(' ', [.. before, card, .. after]);
            var masked = PiiMasker.Mask(text);
            return masked == string.Join(' ', [.. before, PiiMasker.CardMask, .. after]);
        });

    [Property]
    public Property Prop_MaskingIsIdempotent() =>
        Prop.ForAll(Gen.OneOf(Grouped(CardNumbers), Words, Gen.Elements("jane@example.com", "+44 20 7946 0958", "2026-11-22 10:15", "$1,299.99", "@jane"))
            .ListOf().Select(parts => string.Join(' ', parts)).ToArbitrary(), text =>
        {
            var once = PiiMasker.Mask(text);
            return PiiMasker.Mask(once) == once;
        });

    [Property]
    public Property Prop_TextWithoutDigitsAtSignsPlusOrParenthesesIsReturnedAsIs() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null && s.IndexOfAny("@+(0123456789".ToCharArray()) < 0).ToArbitrary(),
            text => ReferenceEquals(text, PiiMasker.Mask(text)));

    [Property]
    public Property Prop_AnyAddressIsMaskedAndTheRestKept() =>
        Prop.ForAll(Gen.Elements("a", "jane.doe", "j_d-9", "x+tag", "12345").ToArbitrary(),
            Gen.Elements("example.com", "mail.example.co.uk", "b-c.io", "123.example.org").ToArbitrary(),
            Words.ListOf().ToArbitrary(), (local, domain, words) =>
            {
                var text = string.Join(' ', [.. words, $"{local}@{domain}", .. words]);
                return PiiMasker.Mask(text) == string.Join(' ', [.. words, PiiMasker.EmailMask, .. words]);
            });
}
