namespace SocialSla.Standalone.Tests.Browser;

/// <summary>A browser test: skipped, saying why, when Debian's chromium is not installed (<c>.ci/run</c> installs it).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
            Skip = $"Browser test skipped: no Chromium at {BrowserFixture.ChromiumPath} (install Debian's chromium: apt-get install -y chromium; .ci/run does).";
    }
}
