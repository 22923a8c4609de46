using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

// Writes the inputs of bench/serve-load/run.sh: the server's configuration and a file of pre-signed X Account
// Activity deliveries, one per line as "<x-twitter-webhooks-signature>\t<body>" (bodies hold no tab or newline), that
// bench/serve-load/x-webhooks.lua loads into wrk. Every body is distinct (distinct tweet ids), so the server's dedupe
// never turns the load into no-ops.
//
//   socialsla-loadtest config   --out FILE --brands N --secret S [--database FILE]
//   socialsla-loadtest requests --out FILE --count N --brands N --secret S [--scenario load|open] [--seed N] [--offset N]
//   socialsla-loadtest soak-config --out FILE --brands N --secret S --token T --alert-port P [--database FILE]
//   socialsla-loadtest soak --url URL --pid PID --database FILE --brands N --secret S --token T --alert-port P
//                           [--rate 1000] [--duration 3600] [--report-every 300] [--seed N]
//
// soak (bench/soak/run.sh): mixed X and Messenger traffic at a steady rate with the server's alerts received on a
// loopback webhook sink; see Soak.cs.
//
// --offset N starts conversation numbers and tweet ids N further (a warm-up file that shares no delivery with the run).
//
// Scenarios: "load" = conversations of a customer mention, a brand reply (70 %) and a customer follow-up (35 %),
// interleaved 500 conversations at a time, spread over the brands; "open" = one customer mention per conversation,
// never answered, so every delivery opens a case that stays open.
internal static class Program
{
    private const long BrandUserIdBase = 1_500_000_000_000_000_001;
    private const long CustomerUserIdBase = 3_000_000_000;
    private const long TweetIdBase = 1_900_000_000_000_000_000;

    private static int Main(string[] args)
    {
        if (args.Length == 0) return Usage();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
        string Get(string name, string? fallback = null) =>
            options.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");
        switch (args[0])
        {
            case "config":
                WriteConfig(Get("out"), int.Parse(Get("brands"), CultureInfo.InvariantCulture), Get("secret"), Get("database", "socialsla.db"));
                return 0;
            case "requests":
                var count = WriteRequests(Get("out"), int.Parse(Get("count"), CultureInfo.InvariantCulture), int.Parse(Get("brands"), CultureInfo.InvariantCulture),
                    Get("secret"), Get("scenario", "load"), int.Parse(Get("seed", "1"), CultureInfo.InvariantCulture),
                    long.Parse(Get("offset", "0"), CultureInfo.InvariantCulture));
                Console.Error.WriteLine($"wrote {count} signed deliveries to {Get("out")}");
                return 0;
            case "soak-config":
                Soak.WriteConfig(Get("out"), int.Parse(Get("brands"), CultureInfo.InvariantCulture), Get("secret"), Get("token"),
                    int.Parse(Get("alert-port"), CultureInfo.InvariantCulture), Get("database", "soak.db"));
                return 0;
            case "soak":
                return new Soak(new SoakOptions(
                    new Uri(Get("url")), int.Parse(Get("pid"), CultureInfo.InvariantCulture), Get("database"),
                    double.Parse(Get("rate", "1000"), CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(double.Parse(Get("duration", "3600"), CultureInfo.InvariantCulture)),
                    TimeSpan.FromSeconds(double.Parse(Get("report-every", "300"), CultureInfo.InvariantCulture)),
                    int.Parse(Get("brands"), CultureInfo.InvariantCulture), Get("secret"), Get("secret"), Get("token"),
                    int.Parse(Get("alert-port"), CultureInfo.InvariantCulture), int.Parse(Get("seed", "1"), CultureInfo.InvariantCulture)))
                    .RunAsync().GetAwaiter().GetResult();
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: socialsla-loadtest config --out FILE --brands N --secret S [--database FILE]");
        Console.Error.WriteLine("       socialsla-loadtest requests --out FILE --count N --brands N --secret S [--scenario load|open] [--seed N] [--offset N]");
        return 2;
    }

    private static string BrandHandle(int brand) => $"Brand{brand:D4}";

    private static void WriteConfig(string path, int brands, string secret, string database)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("database", database);
        json.WriteStartArray("accounts");
        for (var b = 0; b < brands; b++)
        {
            json.WriteStartObject();
            json.WriteString("account", $"x:{BrandHandle(b)}");
            json.WriteString("platformUserId", (BrandUserIdBase + b).ToString(CultureInfo.InvariantCulture));
            json.WriteString("handle", BrandHandle(b));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("x");
        json.WriteStartArray("consumerSecrets");
        json.WriteStringValue(secret);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("sinks");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private sealed record Tweet(long Id, long? ParentId, int Brand, bool FromBrand, long UserId, long TimestampMs, string Text);

    private static int WriteRequests(string path, int count, int brands, string secret, string scenario, int seed, long offset)
    {
        var random = new Random(seed);
        // Created a minute before the run, a tenth of a millisecond apart: no clock is near a threshold during it.
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        var key = Encoding.UTF8.GetBytes(secret);
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        var written = 0;
        var tweet = 3 * offset;
        var conversation = offset;
        var window = new List<Tweet>[3];
        for (var i = 0; i < 3; i++) window[i] = [];
        while (written < count)
        {
            for (var i = 0; i < 3; i++) window[i].Clear();
            for (var c = 0; c < 500; c++, conversation++)
            {
                var brand = (int)(conversation % brands);
                var customer = CustomerUserIdBase + conversation;
                var root = new Tweet(TweetIdBase + tweet++, null, brand, false, customer, 0, CustomerText(random, brand));
                window[0].Add(root);
                if (scenario == "open") continue;
                if (random.NextDouble() < 0.70)
                {
                    var reply = new Tweet(TweetIdBase + tweet++, root.Id, brand, true, BrandUserIdBase + brand, 0, BrandText(random, customer));
                    window[1].Add(reply);
                    if (random.NextDouble() < 0.5)
                        window[2].Add(new Tweet(TweetIdBase + tweet++, reply.Id, brand, false, customer, 0, CustomerText(random, brand)));
                }
            }
            foreach (var part in window)
            {
                foreach (var t in part)
                {
                    if (written == count) break;
                    var body = Body(t with { TimestampMs = start + written / 10 });
                    output.Write("sha256=");
                    output.Write(Convert.ToBase64String(HMACSHA256.HashData(key, body)));
                    output.Write('\t');
                    output.Write(Encoding.UTF8.GetString(body));
                    output.Write('\n');
                    written++;
                }
            }
        }
        return written;
    }

    private static readonly string[] Complaints =
    [
        "my mobile order never arrived and the app still says it is being prepared, can someone look into it?",
        "I was charged twice for the same order this morning, please refund one of the payments",
        "the store on Main Street was closed during opening hours again today, what is going on?",
        "my loyalty points disappeared after the last update, I had more than 400 of them",
        "is there any way to change the delivery address of an order that is already on its way?",
    ];

    private static string CustomerText(Random random, int brand) => $"@{BrandHandle(brand)} {Complaints[random.Next(Complaints.Length)]} #{random.Next(100_000):D5}";

    private static string BrandText(Random random, long customer) =>
        $"@user{customer} Sorry about that! We have sent you a DM with the next steps; reference {random.Next(1_000_000):D6}.";

    private static byte[] Body(Tweet t)
    {
        var buffer = new MemoryStream(900);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var brandId = BrandUserIdBase + t.Brand;
            var created = DateTimeOffset.FromUnixTimeMilliseconds(t.TimestampMs);
            json.WriteStartObject();
            json.WriteString("for_user_id", brandId.ToString(CultureInfo.InvariantCulture));
            json.WriteBoolean("user_has_blocked", false);
            json.WriteStartArray("tweet_create_events");
            json.WriteStartObject();
            json.WriteString("created_at", created.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture));
            json.WriteNumber("id", t.Id);
            json.WriteString("id_str", t.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteString("text", t.Text);
            json.WriteBoolean("truncated", false);
            if (t.ParentId is { } parent)
            {
                json.WriteNumber("in_reply_to_status_id", parent);
                json.WriteString("in_reply_to_status_id_str", parent.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("in_reply_to_status_id");
                json.WriteNull("in_reply_to_status_id_str");
            }
            json.WriteNumber("in_reply_to_user_id", brandId);
            json.WriteString("in_reply_to_user_id_str", brandId.ToString(CultureInfo.InvariantCulture));
            json.WriteString("in_reply_to_screen_name", BrandHandle(t.Brand));
            json.WriteStartObject("user");
            json.WriteNumber("id", t.UserId);
            json.WriteString("id_str", t.UserId.ToString(CultureInfo.InvariantCulture));
            json.WriteString("name", t.FromBrand ? $"Brand {t.Brand}" : $"Customer {t.UserId}");
            json.WriteString("screen_name", t.FromBrand ? BrandHandle(t.Brand) : $"user{t.UserId}");
            json.WriteNumber("followers_count", t.FromBrand ? 250_000 : t.UserId % 5_000);
            json.WriteBoolean("verified", t.FromBrand);
            json.WriteEndObject();
            json.WriteStartObject("entities");
            json.WriteStartArray("hashtags");
            json.WriteEndArray();
            json.WriteStartArray("urls");
            json.WriteEndArray();
            json.WriteStartArray("user_mentions");
            json.WriteStartObject();
            json.WriteString("screen_name", BrandHandle(t.Brand));
            json.WriteString("id_str", brandId.ToString(CultureInfo.InvariantCulture));
            json.WriteStartArray("indices");
            json.WriteNumberValue(0);
            json.WriteNumberValue(BrandHandle(t.Brand).Length + 1);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("timestamp_ms", t.TimestampMs.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
