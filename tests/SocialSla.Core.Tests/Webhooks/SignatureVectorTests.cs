using System.Text;
using System.Text.Json;
using NodaTime;
using SocialSla.Core.Tests.Support;
using SocialSla.Core.Webhooks;

namespace SocialSla.Core.Tests.Webhooks;

/// <summary>Every vector of <c>shared/reference/examples/signature_test_vectors.json</c>, read at test time.</summary>
public sealed class SignatureVectorTests
{
    private static readonly JsonElement Vectors = SharedReference.ExampleJson("signature_test_vectors.json");

    private static JsonElement Vector(string name) => Vectors.GetProperty(name);

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The instant of a vector's signed timestamp, read from its expected header or its headers.</summary>
    private static Instant UnixSeconds(string text) => Instant.FromUnixTimeSeconds(long.Parse(text));

    public static TheoryData<string> MetaVectors() =>
        [.. Vectors.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("meta:meta_", StringComparison.Ordinal))];

    public static TheoryData<string> XVectors() =>
        [.. Vectors.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("x:x_", StringComparison.Ordinal))];

    [Fact]
    public void VectorsFile_HoldsTheVectorsTheseTestsCover()
    {
        Assert.Equal(3, MetaVectors().Count);
        Assert.Equal(2, XVectors().Count);
    }

    [Theory]
    [MemberData(nameof(MetaVectors))]
    public void MetaVerify_Vector_Valid(string name)
    {
        var v = Vector(name);
        var body = Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!);
        var headers = Headers((v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!));

        Assert.Equal(SignatureCheck.Valid, MetaSignature.Verify(body, headers, [v.GetProperty("secret").GetString()!]));
        Assert.Equal(v.GetProperty("expected").GetString(), MetaSignature.Compute(body, v.GetProperty("secret").GetString()!));
    }

    [Fact]
    public void MetaHandshake_Vector_AnswersChallengeOrRefuses()
    {
        var v = Vector("meta:verify_get");
        var query = new Uri("http://localhost" + v.GetProperty("request").GetString()!["GET ".Length..]).Query.TrimStart('?')
            .Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var configured = v.GetProperty("configured_verify_token").GetString();

        Assert.True(MetaVerification.TryAnswer(n => query.GetValueOrDefault(n), configured, out var challenge));
        Assert.Equal(200, v.GetProperty("expected_response").GetProperty("status").GetInt32());
        Assert.Equal(v.GetProperty("expected_response").GetProperty("body").GetString(), challenge);

        Assert.False(MetaVerification.TryAnswer(n => query.GetValueOrDefault(n), configured + "x", out _));
        Assert.False(MetaVerification.TryAnswer(n => query.GetValueOrDefault(n), null, out _));
        Assert.False(MetaVerification.TryAnswer(n => n == "hub.mode" ? "unsubscribe" : query.GetValueOrDefault(n), configured, out _));
        Assert.False(MetaVerification.TryAnswer(n => n == "hub.challenge" ? null : query.GetValueOrDefault(n), configured, out _));
    }

    [Fact]
    public void XCrc_Vector_ResponseToken()
    {
        var v = Vector("x:crc");
        var crcToken = v.GetProperty("request").GetString()!.Split("crc_token=")[1];
        var expected = v.GetProperty("expected_response").GetProperty("body").GetProperty("response_token").GetString();

        Assert.Equal(expected, XSignature.CrcResponseToken(v.GetProperty("consumer_secret").GetString()!, crcToken));
        Assert.True(XSignature.TryAnswerCrc(n => n == "crc_token" ? crcToken : null, v.GetProperty("consumer_secret").GetString()!, out var token));
        Assert.Equal(expected, token);
        Assert.False(XSignature.TryAnswerCrc(_ => null, v.GetProperty("consumer_secret").GetString()!, out _));
    }

    [Theory]
    [MemberData(nameof(XVectors))]
    public void XVerify_Vector_Valid(string name)
    {
        var v = Vector(name);
        var body = Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!);
        var headers = Headers((v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!));

        Assert.Equal(SignatureCheck.Valid, XSignature.Verify(body, headers, [v.GetProperty("consumer_secret").GetString()!]));
    }

    [Fact]
    public void StripeVerify_Vector_Valid()
    {
        var v = Vector("stripe_style");
        var header = v.GetProperty("expected").GetString()!;
        var signedAt = UnixSeconds(header.Split(',')[0]["t=".Length..]);

        var check = StripeSignature.Verify(Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!),
            Headers((v.GetProperty("header").GetString()!, header)), [v.GetProperty("secret").GetString()!], signedAt,
            Duration.FromSeconds(v.GetProperty("tolerance_seconds").GetInt32()));

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void GitHubVerify_Vector_Valid()
    {
        var v = Vector("github_style");
        var check = GitHubSignature.Verify(Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!),
            Headers((v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!)), [v.GetProperty("secret").GetString()!]);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void SlackVerify_Vector_Valid()
    {
        var v = Vector("slack_style");
        var timestamp = v.GetProperty("headers").GetProperty("X-Slack-Request-Timestamp").GetString()!;
        var check = SlackSignature.Verify(Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!),
            Headers((v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!), ("X-Slack-Request-Timestamp", timestamp)),
            [v.GetProperty("secret").GetString()!], UnixSeconds(timestamp) + Duration.FromMinutes(1));

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void ZendeskVerify_Vector_Valid()
    {
        var v = Vector("zendesk_style");
        var timestamp = v.GetProperty("headers").GetProperty("X-Zendesk-Webhook-Signature-Timestamp").GetString()!;
        var now = Instant.FromDateTimeOffset(DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
        var check = ZendeskSignature.Verify(Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!),
            Headers((v.GetProperty("header").GetString()!, v.GetProperty("expected").GetString()!), ("X-Zendesk-Webhook-Signature-Timestamp", timestamp)),
            [v.GetProperty("secret").GetString()!], now);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void SanityVector_HmacSha256Hex()
    {
        var v = Vector("sanity:hmac_sha256_hex");
        var header = MetaSignature.Compute(Encoding.UTF8.GetBytes(v.GetProperty("message").GetString()!), v.GetProperty("key").GetString()!);

        Assert.Equal("sha256=" + v.GetProperty("expected_hex").GetString(), header);
    }
}
