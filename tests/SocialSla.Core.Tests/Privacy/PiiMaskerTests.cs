using SocialSla.Core.Privacy;

namespace SocialSla.Core.Tests.Privacy;

public partial class PiiMaskerTests
{
    private static string Mask(string text) => PiiMasker.Mask(text);

    [Theory]
    [InlineData("mail me at jane.doe+care@example.co.uk please", "mail me at [email] please")]
    [InlineData("jane@example.com", "[email]")]
    [InlineData("Contact: J_Doe-99@mail.example.org.", "Contact: [email].")]
    [InlineData("(jane@example.com)", "([email])")]
    [InlineData("a@b.io and c@d.fr", "[email] and [email]")]
    [InlineData("12345@example.com", "[email]")]
    public void Mask_EmailAddresses_AreMasked(string text, string expected) => Assert.Equal(expected, Mask(text));

    [Theory]
    [InlineData("@ContosoCoffee where is my order?")]
    [InlineData("hi @jane.doe and @bob_99")]
    [InlineData("write to support@localhost")]          // no top-level domain
    [InlineData("meet @ 5pm at the store")]
    [InlineData("jane@example.c")]                      // one-letter TLD
    [InlineData("@@@@ test @.com @x.")]
    public void Mask_HandlesAndNonAddresses_AreKept(string text) => Assert.Same(text, Mask(text));

    [Theory]
    [InlineData("call me on +44 20 7946 0958 today", "call me on [phone] today")]
    [InlineData("+1 (800) 555-0199", "[phone]")]
    [InlineData("+33612345678", "[phone]")]
    [InlineData("my number: (555) 123-4567.", "my number: [phone].")]
    [InlineData("555-123-4567", "[phone]")]
    [InlineData("555.123.4567", "[phone]")]
    [InlineData("ring 020 7946 0958", "ring [phone]")]
    [InlineData("06 12 34 56 78", "[phone]")]
    [InlineData("mi móvil es 612 34 56 78", "mi móvil es [phone]")]
    [InlineData("0044 20 7946 0958", "[phone]")]
    [InlineData("07911123456", "[phone]")]
    [InlineData("call me at 5551234567", "call me at [phone]")]
    [InlineData("WhatsApp: 5551234567", "WhatsApp: [phone]")]
    [InlineData("Tel. 030 1234567 oder mail", "Tel. [phone] oder mail")]
    public void Mask_PhoneNumbers_InternationalAndLocal_AreMasked(string text, string expected) => Assert.Equal(expected, Mask(text));

    [Theory]
    [InlineData("4111 1111 1111 1111", "[card]")]
    [InlineData("card 4111-1111-1111-1111 was charged twice", "card [card] was charged twice")]
    [InlineData("5555555555554444", "[card]")]
    [InlineData("amex 3782 822463 10005 expired", "amex [card] expired")]
    [InlineData("2223003122003222", "[card]")]                   // Mastercard 2-series
    [InlineData("6011 0009 9013 9424.", "[card].")]
    public void Mask_CardNumbers_LuhnValid_AreMasked(string text, string expected) => Assert.Equal(expected, Mask(text));

    [Theory]
    [InlineData("4111 1111 1111 1112")]                         // fails Luhn; 16 digits is no phone either
    [InlineData("4111-1111 1111-1111")]                         // mixed separators
    [InlineData("1234567812345670")]                            // Luhn-valid, but no card network starts with 1
    [InlineData("20261122101500")]                              // a compact timestamp
    public void Mask_CardLikeNumbersThatAreNotCards_AreKept(string text) => Assert.Same(text, Mask(text));

    [Theory]
    [InlineData("it happened on 2026-11-22 10:15:00 UTC")]
    [InlineData("flight on 22.11.2026 at 10.15")]
    [InlineData("2026-11-22T10:15:00Z")]
    [InlineData("since 11/22/2026 12:30")]
    [InlineData("it cost $1,299.99 and then €1.299,99")]
    [InlineData("paid 1234567890.50 USD")]
    [InlineData("order #5551234567 is late")]
    [InlineData("order 1234567890 is late")]                    // bare run, no trunk 0, no cue
    [InlineData("tracking 1Z999AA10123456784")]                 // UPS
    [InlineData("tracking 9400 1000 0000 0000 0000 00")]        // USPS, 22 digits
    [InlineData("FedEx 123456789012 arrived")]
    [InlineData("see https://x.com/alice/status/1789123456789012345")]
    [InlineData("tweet 1789123456789012345 was deleted")]
    [InlineData("50% off, 3-4 days, 10 mins, 24/7, 1-800-FLOWERS")]
    [InlineData("ISBN 978-3-16-148410-0")]
    [InlineData("version 10.0.1.2345")]
    [InlineData("C++ and C# + F#")]
    [InlineData("(1) first (2) second")]
    [InlineData("ticket 555-1234")]                             // seven digits without a cue
    public void Mask_TimestampsPricesOrderAndTrackingNumbers_AreKept(string text) => Assert.Same(text, Mask(text));

    [Fact]
    public void Mask_KindsOff_KeepsThoseKinds()
    {
        const string text = "jane@example.com, +44 20 7946 0958, 4111 1111 1111 1111";
        Assert.Same(text, PiiMasker.Mask(text, PiiKinds.None));
        Assert.Equal("[email], +44 20 7946 0958, 4111 1111 1111 1111", PiiMasker.Mask(text, PiiKinds.Email));
        Assert.Equal("jane@example.com, [phone], [card]", PiiMasker.Mask(text, PiiKinds.Phone | PiiKinds.Card));
    }

    [Fact]
    public void Mask_EverythingInOneMessage_MasksEachInPlace() =>
        Assert.Equal("@ContosoCoffee I'm [email], [phone], card [card] — order #778812 on 2026-11-22 cost $49.99",
            Mask("@ContosoCoffee I'm jane@example.com, +1 (800) 555-0199, card 4111 1111 1111 1111 — order #778812 on 2026-11-22 cost $49.99"));

    [Fact]
    public void Mask_EmptyAndEmojiOnly_AreKept()
    {
        Assert.Same("", Mask(""));
        const string emoji = "😍😍 🙏";
        Assert.Same(emoji, Mask(emoji));
    }
}
