using System.Text;
using NodaTime;
using SocialSla.Core.Webhooks;

namespace SocialSla.Core.Tests.Webhooks;

public sealed class SignatureCheckTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"ticket.comment_added"}""");
    private static readonly Instant Now = Instant.FromUnixTimeSeconds(1_772_467_925);
    private const string WhSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string OtherWhSecret = "whsec_c2VjcmV0LW9mLWEtcm90YXRlZC1lbmRwb2ludA==";

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static byte[] Flipped(byte[] body, int at = 5)
    {
        var copy = (byte[])body.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static Func<string, string?> Standard(string id, Instant at, byte[] body, string secret) =>
        Headers(("webhook-id", id), ("webhook-timestamp", StandardWebhooksSigner.Timestamp(at)),
            ("webhook-signature", StandardWebhooksSigner.Sign(id, at, body, secret)));

    [Fact]
    public void StandardWebhooksSign_PublishedSpecVector_Matches()
    {
        // The Standard Webhooks specification's published test vector.
        var signature = StandardWebhooksSigner.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.FromUnixTimeSeconds(1614265330),
            Encoding.UTF8.GetBytes("""{"test": 2432232314}"""), WhSecret);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void StandardWebhooksVerify_SignedBySigner_Valid()
    {
        Assert.Equal(SignatureCheck.Valid, StandardWebhooksSignature.Verify(Body, Standard("msg_1", Now, Body, WhSecret), [WhSecret], Now));
        Assert.Equal(SignatureCheck.Valid, GenericWebhookSignature.Verify(default, Body, Standard("msg_1", Now, Body, WhSecret), [WhSecret], Now));
    }

    [Fact]
    public void StandardWebhooksVerify_SecretWithoutPrefix_Valid()
    {
        Assert.Equal(SignatureCheck.Valid,
            StandardWebhooksSignature.Verify(Body, Standard("msg_1", Now, Body, WhSecret), [WhSecret["whsec_".Length..]], Now));
    }

    [Fact]
    public void StandardWebhooksVerify_FlippedBodyByte_Mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch,
            StandardWebhooksSignature.Verify(Flipped(Body), Standard("msg_1", Now, Body, WhSecret), [WhSecret], Now));

    [Fact]
    public void StandardWebhooksVerify_OtherId_Mismatch()
    {
        var headers = Standard("msg_1", Now, Body, WhSecret);
        Assert.Equal(SignatureCheck.Mismatch,
            StandardWebhooksSignature.Verify(Body, n => n == "webhook-id" ? "msg_2" : headers(n), [WhSecret], Now));
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void StandardWebhooksVerify_MissingHeader_Missing(string absent)
    {
        var headers = Standard("msg_1", Now, Body, WhSecret);
        Assert.Equal(SignatureCheck.Missing, StandardWebhooksSignature.Verify(Body, n => n == absent ? null : headers(n), [WhSecret], Now));
    }

    [Fact]
    public void StandardWebhooksVerify_PreviousSecretDuringRotation_Valid()
    {
        var signedWithOld = Standard("msg_1", Now, Body, OtherWhSecret);
        Assert.Equal(SignatureCheck.Valid, StandardWebhooksSignature.Verify(Body, signedWithOld, [WhSecret, OtherWhSecret], Now));
        Assert.Equal(SignatureCheck.Mismatch, StandardWebhooksSignature.Verify(Body, signedWithOld, [WhSecret], Now));
    }

    [Fact]
    public void StandardWebhooksVerify_SeveralSignaturesOneMatches_Valid()
    {
        var headers = Standard("msg_1", Now, Body, WhSecret);
        var both = StandardWebhooksSigner.Sign("msg_1", Now, Body, OtherWhSecret) + " v1a,c29tZXRoaW5n " + headers("webhook-signature");
        Assert.Equal(SignatureCheck.Valid,
            StandardWebhooksSignature.Verify(Body, n => n == "webhook-signature" ? both : headers(n), [WhSecret], Now));
    }

    [Theory]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(-301, SignatureCheck.OutsideWindow)]
    [InlineData(301, SignatureCheck.OutsideWindow)]
    public void StandardWebhooksVerify_TimestampAtWindowEdge(int offsetSeconds, SignatureCheck expected)
    {
        var signedAt = Now + Duration.FromSeconds(offsetSeconds);
        Assert.Equal(expected, StandardWebhooksSignature.Verify(Body, Standard("msg_1", signedAt, Body, WhSecret), [WhSecret], Now));
    }

    [Fact]
    public void StandardWebhooksVerify_OutsideWindowWithBadSignature_OutsideWindowFirst()
    {
        var old = Now - Duration.FromHours(1);
        Assert.Equal(SignatureCheck.OutsideWindow,
            StandardWebhooksSignature.Verify(Flipped(Body), Standard("msg_1", old, Body, WhSecret), [WhSecret], Now));
    }

    [Fact]
    public void StandardWebhooksVerify_CustomWindow_Respected()
    {
        var headers = Standard("msg_1", Now - Duration.FromMinutes(10), Body, WhSecret);
        Assert.Equal(SignatureCheck.OutsideWindow, StandardWebhooksSignature.Verify(Body, headers, [WhSecret], Now));
        Assert.Equal(SignatureCheck.Valid, StandardWebhooksSignature.Verify(Body, headers, [WhSecret], Now, Duration.FromMinutes(10)));
    }

    [Theory]
    [InlineData("webhook-timestamp", "yesterday")]
    [InlineData("webhook-signature", "v1,not base64!")]
    [InlineData("webhook-signature", "v2,AAAA")]
    public void StandardWebhooksVerify_BadHeader_Malformed(string name, string value)
    {
        var headers = Standard("msg_1", Now, Body, WhSecret);
        Assert.Equal(SignatureCheck.Malformed, StandardWebhooksSignature.Verify(Body, n => n == name ? value : headers(n), [WhSecret], Now));
    }

    [Fact]
    public void Verify_NoSecretsOrBadSecret_Throws()
    {
        var headers = Standard("msg_1", Now, Body, WhSecret);
        Assert.Throws<ArgumentException>(() => StandardWebhooksSignature.Verify(Body, headers, [], Now));
        Assert.Throws<ArgumentException>(() => StandardWebhooksSignature.Verify(Body, headers, ["whsec_???"], Now));
        Assert.Throws<ArgumentException>(() => MetaSignature.Verify(Body, headers, [""]));
        Assert.False(StandardWebhooksSignature.IsValidSecret("whsec_"));
        Assert.True(StandardWebhooksSignature.IsValidSecret(WhSecret));
    }

    [Fact]
    public void MetaVerify_FlippedByteMissingMalformedRotation()
    {
        var header = MetaSignature.Compute(Body, "old-secret");
        Func<string, string?> headers = Headers(("X-Hub-Signature-256", header));

        Assert.Equal(SignatureCheck.Valid, MetaSignature.Verify(Body, headers, ["new-secret", "old-secret"]));
        Assert.Equal(SignatureCheck.Mismatch, MetaSignature.Verify(Body, headers, ["new-secret"]));
        Assert.Equal(SignatureCheck.Mismatch, MetaSignature.Verify(Flipped(Body), headers, ["old-secret"]));
        Assert.Equal(SignatureCheck.Missing, MetaSignature.Verify(Body, _ => null, ["old-secret"]));
        Assert.Equal(SignatureCheck.Malformed, MetaSignature.Verify(Body, Headers(("X-Hub-Signature-256", "sha1=" + header[7..])), ["old-secret"]));
        Assert.Equal(SignatureCheck.Malformed, MetaSignature.Verify(Body, Headers(("X-Hub-Signature-256", header[..^2])), ["old-secret"]));
        Assert.Equal(SignatureCheck.Valid, MetaSignature.Verify(Body, Headers(("X-Hub-Signature-256", header.ToUpperInvariant().Replace("SHA256=", "sha256="))), ["old-secret"]));
    }

    [Fact]
    public void XVerify_FlippedByteMissingMalformedRotation()
    {
        var headers = Headers(("x-twitter-webhooks-signature", XSignature.Compute(Body, "old")));

        Assert.Equal(SignatureCheck.Valid, XSignature.Verify(Body, headers, ["new", "old"]));
        Assert.Equal(SignatureCheck.Mismatch, XSignature.Verify(Flipped(Body), headers, ["old"]));
        Assert.Equal(SignatureCheck.Missing, XSignature.Verify(Body, _ => null, ["old"]));
        Assert.Equal(SignatureCheck.Malformed, XSignature.Verify(Body, Headers(("x-twitter-webhooks-signature", "sha256=%%%")), ["old"]));
    }

    private static string StripeHeader(Instant at, byte[] body, string secret)
    {
        var t = at.ToUnixTimeSeconds().ToString();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(t + "."), .. body]);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    [Fact]
    public void StripeVerify_FlippedByteMissingRotationWindow()
    {
        var header = StripeHeader(Now, Body, "whsec_old");
        var headers = Headers(("Stripe-Signature", header));

        Assert.Equal(SignatureCheck.Valid, StripeSignature.Verify(Body, headers, ["whsec_new", "whsec_old"], Now));
        Assert.Equal(SignatureCheck.Valid, GenericWebhookSignature.Verify(GenericSignatureScheme.Stripe, Body, headers, ["whsec_old"], Now));
        Assert.Equal(SignatureCheck.Mismatch, StripeSignature.Verify(Flipped(Body), headers, ["whsec_old"], Now));
        Assert.Equal(SignatureCheck.Missing, StripeSignature.Verify(Body, _ => null, ["whsec_old"], Now));
        Assert.Equal(SignatureCheck.Malformed, StripeSignature.Verify(Body, Headers(("Stripe-Signature", header.Split(',')[1])), ["whsec_old"], Now));
        Assert.Equal(SignatureCheck.Valid, StripeSignature.Verify(Body, headers, ["whsec_old"], Now + Duration.FromSeconds(300)));
        Assert.Equal(SignatureCheck.OutsideWindow, StripeSignature.Verify(Body, headers, ["whsec_old"], Now + Duration.FromSeconds(301)));
        var twoSignatures = Headers(("Stripe-Signature", $"{StripeHeader(Now, Body, "whsec_other")},{header.Split(',')[1]},v0=abc"));
        Assert.Equal(SignatureCheck.Valid, StripeSignature.Verify(Body, twoSignatures, ["whsec_old"], Now));
    }

    [Fact]
    public void GitHubVerify_FlippedByteMissingRotation()
    {
        var headers = Headers(("X-Hub-Signature-256", MetaSignature.Compute(Body, "gh-old")));

        Assert.Equal(SignatureCheck.Valid, GitHubSignature.Verify(Body, headers, ["gh-new", "gh-old"]));
        Assert.Equal(SignatureCheck.Valid, GenericWebhookSignature.Verify(GenericSignatureScheme.GitHub, Body, headers, ["gh-old"], Now));
        Assert.Equal(SignatureCheck.Mismatch, GitHubSignature.Verify(Flipped(Body), headers, ["gh-old"]));
        Assert.Equal(SignatureCheck.Missing, GitHubSignature.Verify(Body, _ => null, ["gh-old"]));
    }

    private static Func<string, string?> SlackHeaders(Instant at, byte[] body, string secret)
    {
        var t = at.ToUnixTimeSeconds().ToString();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{t}:"), .. body]);
        return Headers(("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac)), ("X-Slack-Request-Timestamp", t));
    }

    [Fact]
    public void SlackVerify_FlippedByteMissingRotationWindow()
    {
        var headers = SlackHeaders(Now, Body, "old");

        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Body, headers, ["new", "old"], Now));
        Assert.Equal(SignatureCheck.Valid, GenericWebhookSignature.Verify(GenericSignatureScheme.Slack, Body, headers, ["old"], Now));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Flipped(Body), headers, ["old"], Now));
        Assert.Equal(SignatureCheck.Missing, SlackSignature.Verify(Body, n => n == "X-Slack-Request-Timestamp" ? null : headers(n), ["old"], Now));
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Body, headers, ["old"], Now - Duration.FromMinutes(5)));
        Assert.Equal(SignatureCheck.OutsideWindow, SlackSignature.Verify(Body, headers, ["old"], Now - Duration.FromMinutes(5) - Duration.FromSeconds(1)));
    }

    private static Func<string, string?> ZendeskHeaders(string timestamp, byte[] body, string secret)
    {
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp), .. body]);
        return Headers(("X-Zendesk-Webhook-Signature", Convert.ToBase64String(mac)), ("X-Zendesk-Webhook-Signature-Timestamp", timestamp));
    }

    [Fact]
    public void ZendeskVerify_FlippedByteMissingRotationWindow()
    {
        var at = Instant.FromUtc(2026, 3, 2, 16, 12, 5);
        var headers = ZendeskHeaders("2026-03-02T16:12:05Z", Body, "old");

        Assert.Equal(SignatureCheck.Valid, ZendeskSignature.Verify(Body, headers, ["new", "old"], at));
        Assert.Equal(SignatureCheck.Valid, GenericWebhookSignature.Verify(GenericSignatureScheme.Zendesk, Body, headers, ["old"], at));
        Assert.Equal(SignatureCheck.Mismatch, ZendeskSignature.Verify(Flipped(Body), headers, ["old"], at));
        Assert.Equal(SignatureCheck.Missing, ZendeskSignature.Verify(Body, n => n == "X-Zendesk-Webhook-Signature" ? null : headers(n), ["old"], at));
        Assert.Equal(SignatureCheck.Malformed, ZendeskSignature.Verify(Body, n => n == "X-Zendesk-Webhook-Signature-Timestamp" ? "soon" : headers(n), ["old"], at));
        Assert.Equal(SignatureCheck.Valid, ZendeskSignature.Verify(Body, headers, ["old"], at + Duration.FromMinutes(5)));
        Assert.Equal(SignatureCheck.OutsideWindow, ZendeskSignature.Verify(Body, headers, ["old"], at + Duration.FromMinutes(6)));
        Assert.Equal(SignatureCheck.Valid, ZendeskSignature.Verify([], ZendeskHeaders("2026-03-02T16:12:05Z", [], "old"), ["old"], at));
    }

    [Fact]
    public void ReplayWindow_ClosedAtBothEnds()
    {
        Assert.True(ReplayWindow.Contains(Now - ReplayWindow.Default, Now, ReplayWindow.Default));
        Assert.True(ReplayWindow.Contains(Now + ReplayWindow.Default, Now, ReplayWindow.Default));
        Assert.False(ReplayWindow.Contains(Now + ReplayWindow.Default + Duration.Epsilon, Now, ReplayWindow.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayWindow.Contains(Now, Now, Duration.FromSeconds(-1)));
    }
}
