using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using SocialSla.Core.Tests.Support;
using SocialSla.Core.Webhooks;

namespace SocialSla.Core.Tests.Webhooks;

/// <summary>Issue #8: hostile signature headers (the header values are parsed too: prefixes, hex, Base64, Stripe's
/// <c>t=…,v1=…</c> lists, timestamps). Every scheme answers a <see cref="SignatureCheck"/>, never throws, and a header
/// that was not derived from a valid one is never <see cref="SignatureCheck.Valid"/>.</summary>
public sealed class SignatureHeaderPropertyTests
{
    private static readonly JsonElement Vectors = SharedReference.ExampleJson("signature_test_vectors.json");

    private static readonly Instant SignedAt = Instant.FromUtc(2026, 3, 2, 16, 12, 5);

    /// <summary>One valid signed delivery per scheme: the body, its headers, the header under attack and a verifier.</summary>
    private sealed record Vector(string Name, byte[] Body, Dictionary<string, string> Headers, string Attacked,
        Func<byte[], Func<string, string?>, SignatureCheck> Verify);

    private static readonly Vector[] All = Build();

    private static Vector[] Build()
    {
        Vector From(string name, Func<JsonElement, Func<byte[], Func<string, string?>, SignatureCheck>> verify)
        {
            var v = Vectors.GetProperty(name);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [v.GetProperty("header").GetString()!] = v.GetProperty("expected").GetString()! };
            if (v.TryGetProperty("headers", out var extra)) foreach (var h in extra.EnumerateObject()) headers[h.Name] = h.Value.GetString()!;
            return new Vector(name, Encoding.UTF8.GetBytes(v.GetProperty("raw_body").GetString()!), headers, v.GetProperty("header").GetString()!, verify(v));
        }
        string Secret(JsonElement v) => (v.TryGetProperty("secret", out var s) ? s : v.GetProperty("consumer_secret")).GetString()!;
        var desk = "whsec_" + Convert.ToBase64String("generic-test-secret-0001"u8.ToArray());
        var body = "{\"id\":\"1\"}"u8.ToArray();
        return
        [
            From("meta:meta_messenger_message.json", v => (b, h) => MetaSignature.Verify(b, h, [Secret(v)])),
            From("x:x_aaa_mention.json", v => (b, h) => XSignature.Verify(b, h, [Secret(v)])),
            From("stripe_style", v => (b, h) => StripeSignature.Verify(b, h, [Secret(v)], SignedAt)),
            From("github_style", v => (b, h) => GitHubSignature.Verify(b, h, [Secret(v)])),
            From("slack_style", v => (b, h) => SlackSignature.Verify(b, h, [Secret(v)], SignedAt)),
            From("zendesk_style", v => (b, h) => ZendeskSignature.Verify(b, h, [Secret(v)], SignedAt)),
            new Vector("standard-webhooks", body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["webhook-id"] = "msg_1",
                    ["webhook-timestamp"] = StandardWebhooksSigner.Timestamp(SignedAt),
                    ["webhook-signature"] = StandardWebhooksSigner.Sign("msg_1", SignedAt, body, desk),
                }, "webhook-signature", (b, h) => StandardWebhooksSignature.Verify(b, h, [desk], SignedAt)),
        ];
    }

    private static SignatureCheck Check(Vector vector, string header, string value) =>
        HostileInput.Bounded(value.Length, () =>
        {
            var headers = new Dictionary<string, string>(vector.Headers, StringComparer.OrdinalIgnoreCase) { [header] = value };
            var check = vector.Verify(vector.Body, name => headers.TryGetValue(name, out var v) ? v : null);
            Assert.True(Enum.IsDefined(check), $"{vector.Name}: {check}");
            return check;
        });

    [Fact]
    public void Vectors_AreValidAsGiven() =>
        Assert.All(All, v => Assert.Equal(SignatureCheck.Valid, Check(v, v.Attacked, v.Headers[v.Attacked])));

    [Property(MaxTest = 300)]
    public Property Prop_MutatedHeadersNeverThrow()
    {
        var cases = from vector in Gen.Choose(0, All.Length - 1)
                     from header in Gen.Choose(0, 2)
                     select (vector, header);
        return Prop.ForAll(cases.ToArbitrary(), HostileInput.Mutations(1, maxEdits: 3), (c, m) =>
        {
            var vector = All[c.vector];
            // The signature header, or another one the scheme reads (a timestamp, Standard Webhooks' id).
            var names = vector.Headers.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            var name = names[c.header % names.Length];
            var mutated = HostileInput.Apply(Encoding.UTF8.GetBytes(vector.Headers[name]), m.Edits.Where(e => e.Kind % 11 != 8));
            Check(vector, name, Encoding.UTF8.GetString(mutated));
            return true;
        });
    }

    [Property(MaxTest = 300)]
    public Property Prop_RandomHeadersAreNeverValid() =>
        Prop.ForAll(Gen.Choose(0, All.Length - 1).ToArbitrary(), HostileInput.RandomBytes(), (index, bytes) =>
        {
            var vector = All[index];
            return Check(vector, vector.Attacked, Encoding.UTF8.GetString(bytes)) != SignatureCheck.Valid;
        });

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("sha256=")]
    [InlineData("v0=")]
    [InlineData("v1,")]
    [InlineData("t=,v1=")]
    [InlineData("t=99999999999999999999999,v1=00")]
    [InlineData("t=-9223372036854775808,v1=00")]
    [InlineData(",,,,,,,,")]
    [InlineData("=")]
    public void Verify_DegenerateHeaders_NotValidNeverThrows(string value)
    {
        foreach (var vector in All)
        {
            Assert.NotEqual(SignatureCheck.Valid, Check(vector, vector.Attacked, value));
            Assert.NotEqual(SignatureCheck.Valid, Check(vector, vector.Attacked, value + new string('a', 1 << 20)));
            foreach (var other in vector.Headers.Keys.Where(k => k != vector.Attacked))
                Assert.NotEqual(SignatureCheck.Valid, Check(vector, other, value));
        }
    }
}
