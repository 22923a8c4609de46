using System.Diagnostics;
using System.Text;
using SocialSla.Core.Privacy;

namespace SocialSla.Core.Tests.Privacy;

public partial class PiiMaskerTests
{
    [Fact]
    public void Mask_TenThousandCharacterText_MasksEveryOccurrence()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200; i++) text.Append("order ").Append(100000 + i).Append(" mail x").Append(i).Append("@example.com; ");
        var masked = Mask(text.ToString());
        Assert.Equal(200, Count(masked, "[email]"));
        Assert.DoesNotContain("@", masked);
        Assert.Contains("order 100199 mail [email]", masked);
    }

    [Theory]
    [InlineData('@')]
    [InlineData('1')]
    [InlineData('+')]
    [InlineData('(')]
    public void Mask_LongRunsOfTriggerCharacters_AreLinearAndKept(char c)
    {
        var text = new string(c, 100_000);
        var watch = Stopwatch.StartNew();
        var masked = Mask(text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(text, masked);
    }

    [Fact]
    public void Mask_AlternatingAddressFragments_AreLinear()
    {
        var text = string.Concat(Enumerable.Repeat("a@b.", 25_000)) + string.Concat(Enumerable.Repeat("x.y-", 25_000));
        var watch = Stopwatch.StartNew();
        var masked = Mask(text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.DoesNotContain("[phone]", masked);
    }

    [Fact]
    public void Mask_DigitsGluedToAddresses_MaskTheWholeAddressOnce() =>
        Assert.Equal("[email] [email]", Mask("5551234567@example.com 4111111111111111@example.com"));

    [Fact]
    public void Mask_MixedScripts_MasksOnlyThePersonalData() =>
        Assert.Equal("Привет, пишите на [email] или звоните [phone] — 谢谢 @Контора", Mask("Привет, пишите на ivan@example.com или звоните +7 912 345 67 89 — 谢谢 @Контора"));

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
