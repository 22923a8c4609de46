using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

/// <summary>The soak benchmark of issue #8: an hour (or <c>--duration</c>) of mixed signed webhook traffic at a steady
/// rate against a running <c>socialsla serve</c>, with the server's alerts received on a loopback webhook sink, and a
/// report line every <c>--report-every</c> seconds: deliveries sent, acknowledgement percentiles, alerts received and
/// their lateness (receipt − threshold instant), the server's RSS and CPU, inbox lag and cases by status.</summary>
/// <remarks>Traffic: conversations on X public tweets (1-hour target), X DMs and Messenger DMs (15-minute targets),
/// spread over the brands. The brand answers 94 % of them after a log-normal delay (median 4 min, capped at 40 min, so
/// some warnings, at-risk alerts and breaches fire); 30 % of answered customers write again and are answered again; the
/// rest stay unanswered until their first-reply breach alert arrives, and then an agent resolves the case through the
/// API. 2 % of deliveries are delivered a second time 1–30 s later (platform redelivery). Answered cases resolve by the
/// policy's <c>autoResolveAfter</c> (the soak configuration sets 5 minutes), so the open-case count levels off.</remarks>
internal sealed class Soak
{
    private const long BrandUserIdBase = 1_500_000_000_000_000_001;
    private const long PageIdBase = 104_857_600_000_000;
    private const long CustomerIdBase = 3_000_000_000;
    private const double DeliveriesPerConversation = 1 + 0.94 * (1 + 0.30 * 2) + 0.02 * 2.5;

    private readonly SoakOptions _o;
    private readonly HttpClient _http;
    private readonly PriorityQueue<Delivery, long> _schedule = new();
    private readonly Random _random;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly byte[] _xKey;
    private readonly byte[] _metaKey;
    private readonly SemaphoreSlim _inFlight = new(64);
    private readonly Lock _gate = new();
    private Interval _interval = new();
    private long _conversations;
    private long _nextId = 1_900_000_000_000_000_000;

    public Soak(SoakOptions options)
    {
        _o = options;
        _random = new Random(options.Seed);
        _xKey = Encoding.UTF8.GetBytes(options.XSecret);
        _metaKey = Encoding.UTF8.GetBytes(options.MetaSecret);
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = options.Server,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
    }

    private enum Channel { XTweet, XDm, Messenger }

    private sealed record Conversation(long Number, int Brand, Channel Channel, long Customer, long RootId);

    private sealed record Delivery(string Route, string SignatureHeader, Func<long, byte[]> Body, Func<byte[], string> Sign);

    /// <summary>What happened in one report interval (guarded by <see cref="_gate"/>).</summary>
    private sealed class Interval
    {
        public long Sent, Errors;
        public readonly List<double> AckMs = new(1 << 20);
        public readonly List<double> LatenessMs = [];
        public long Alerts, Resolves;
    }

    public async Task<int> RunAsync()
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{_o.AlertPort}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var receiver = Task.Run(() => ReceiveAlertsAsync(listener, stop.Token));

        Console.WriteLine($"soak: {_o.Rate}/s for {_o.Duration.TotalSeconds:F0} s against {_o.Server}, report every {_o.ReportEvery.TotalSeconds:F0} s, server pid {_o.Pid}");
        Console.WriteLine("t_min  sent/s  errors  ack_p50_ms  ack_p99_ms  ack_max_ms  alerts  late_p50_ms  late_p99_ms  late_max_ms  resolves  rss_MB  cpu_cores  inbox_lag  open_cases  resolved_cases");
        var conversationRate = _o.Rate / DeliveriesPerConversation;
        var nextReport = _o.ReportEvery;
        var cpuAtLastReport = ServerCpuSeconds();
        var rssCurve = new List<(double Minutes, double Mb)>();
        var late = new List<double>();
        while (_clock.Elapsed < _o.Duration)
        {
            var nowMs = _clock.ElapsedMilliseconds;
            var due = (long)(nowMs / 1000.0 * conversationRate);
            while (_conversations < due) StartConversation(nowMs);
            while (_schedule.TryPeek(out _, out var at) && at <= nowMs)
            {
                var delivery = _schedule.Dequeue();
                await _inFlight.WaitAsync();
                _ = SendAsync(delivery);
            }
            if (_clock.Elapsed >= nextReport)
            {
                var cpu = ServerCpuSeconds();
                var rss = Report(nextReport, cpu - cpuAtLastReport, late);
                rssCurve.Add((nextReport.TotalMinutes, rss));
                cpuAtLastReport = cpu;
                nextReport += _o.ReportEvery;
            }
            await Task.Delay(2);
        }
        if (nextReport - _o.ReportEvery < _o.Duration) rssCurve.Add((_o.Duration.TotalMinutes, Report(_o.Duration, ServerCpuSeconds() - cpuAtLastReport, late)));
        await stop.CancelAsync();
        listener.Stop();
        try { await receiver; } catch (Exception) { /* the listener stopped */ }
        late.Sort();
        Console.WriteLine($"soak: RSS curve (MB) {string.Join(", ", rssCurve.Select(p => $"{p.Minutes:F1}m {p.Mb:F0}"))}");
        Console.WriteLine($"soak: all alerts: {late.Count}, lateness p50 {Percentile(late, 0.50):F0} ms, p99 {Percentile(late, 0.99):F0} ms, max {(late.Count > 0 ? late[^1] : 0):F0} ms");
        return 0;
    }

    /// <summary>Writes the server's configuration for a soak: X and Messenger accounts per brand, an agent token, the
    /// signed webhook sink on the soak's loopback receiver, and answered cases resolving after 5 minutes of silence.</summary>
    public static void WriteConfig(string path, int brands, string secret, string token, int alertPort, string database)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("database", database);
        json.WriteStartArray("accounts");
        for (var b = 0; b < brands; b++)
        {
            json.WriteStartObject();
            json.WriteString("account", $"x:{Handle(b)}");
            json.WriteString("platformUserId", Str(BrandUserIdBase + b));
            json.WriteString("handle", Handle(b));
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("account", $"messenger:{Handle(b)}");
            json.WriteString("platformUserId", Str(PageIdBase + b));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("x");
        json.WriteStartArray("consumerSecrets");
        json.WriteStringValue(secret);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("meta");
        json.WriteStartArray("appSecrets");
        json.WriteStringValue(secret);
        json.WriteEndArray();
        json.WriteString("verifyToken", "soak");
        json.WriteEndObject();
        json.WriteStartArray("tokens");
        json.WriteStartObject();
        json.WriteString("name", "soak-agent");
        json.WriteString("role", "agent");
        json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("sinks");
        json.WriteStartObject();
        json.WriteString("type", "webhook");
        json.WriteString("url", $"http://127.0.0.1:{alertPort}/");
        json.WriteString("secret", "whsec_" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("soak"))));
        json.WriteEndObject();
        json.WriteEndArray();
        // Each breach alert is timed and answered on its own (the case is resolved when it arrives): with 200 brands'
        // breaches at this rate, storm control would fold them into grouped incidents.
        json.WriteStartObject("storm");
        json.WriteBoolean("enabled", false);
        json.WriteEndObject();
        json.WriteStartObject("policy");
        json.WriteString("autoResolveAfter", "5m");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void StartConversation(long nowMs)
    {
        var number = _conversations++;
        var brand = (int)(number % _o.Brands);
        var roll = _random.NextDouble();
        var channel = roll < 0.5 ? Channel.XTweet : roll < 0.75 ? Channel.XDm : Channel.Messenger;
        var conversation = new Conversation(number, brand, channel, CustomerIdBase + number, _nextId++);
        Schedule(nowMs, CustomerMessage(conversation, conversation.RootId, parent: null));
        if (_random.NextDouble() >= 0.94) return; // unanswered: resolved through the API once its breach alert arrives
        var replyAt = nowMs + ReplyDelayMs();
        var replyId = _nextId++;
        Schedule(replyAt, BrandMessage(conversation, replyId, conversation.RootId));
        if (_random.NextDouble() >= 0.30) return;
        var followAt = replyAt + _random.Next(60_000, 300_000);
        var followId = _nextId++;
        Schedule(followAt, CustomerMessage(conversation, followId, replyId));
        Schedule(followAt + ReplyDelayMs(), BrandMessage(conversation, _nextId++, followId));
    }

    /// <summary>Log-normal, median 4 minutes, σ = 1, capped at 40 minutes.</summary>
    private long ReplyDelayMs()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return (long)Math.Min(240_000 * Math.Exp(z), 2_400_000);
    }

    private void Schedule(long atMs, Delivery delivery)
    {
        _schedule.Enqueue(delivery, atMs);
        if (_random.NextDouble() < 0.02) _schedule.Enqueue(delivery, atMs + _random.Next(1_000, 30_000));
    }

    private async Task SendAsync(Delivery delivery)
    {
        try
        {
            var body = delivery.Body(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Route) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(delivery.SignatureHeader, delivery.Sign(body));
            var started = Stopwatch.GetTimestamp();
            using var response = await _http.SendAsync(request);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (_gate)
            {
                _interval.Sent++;
                _interval.AckMs.Add(ms);
                if (!response.IsSuccessStatusCode) _interval.Errors++;
            }
        }
        catch (Exception)
        {
            lock (_gate) { _interval.Sent++; _interval.Errors++; }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    // Bodies are built when sent, stamped with that moment (as a platform stamps its events).
    private Delivery CustomerMessage(Conversation c, long id, long? parent) => c.Channel switch
    {
        Channel.XTweet => XDelivery(ts => XTweet(c, id, parent, fromBrand: false, ts)),
        Channel.XDm => XDelivery(ts => XDm(c, id, fromBrand: false, ts)),
        _ => MetaDelivery(ts => Messenger(c, id, fromBrand: false, ts)),
    };

    private Delivery BrandMessage(Conversation c, long id, long parent) => c.Channel switch
    {
        Channel.XTweet => XDelivery(ts => XTweet(c, id, parent, fromBrand: true, ts)),
        Channel.XDm => XDelivery(ts => XDm(c, id, fromBrand: true, ts)),
        _ => MetaDelivery(ts => Messenger(c, id, fromBrand: true, ts)),
    };

    private Delivery XDelivery(Func<long, byte[]> body) =>
        new("/api/webhooks/x", "x-twitter-webhooks-signature", body, b => "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(_xKey, b)));

    private Delivery MetaDelivery(Func<long, byte[]> body) =>
        new("/api/webhooks/meta", "X-Hub-Signature-256", body, b => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_metaKey, b)));

    private static string Handle(int brand) => $"Brand{brand:D4}";

    private static string Text(Conversation c, bool fromBrand) => fromBrand
        ? $"Sorry about that! We are looking into it now, reference {c.Number % 1_000_000:D6}."
        : $"my order {c.Number} never arrived and the app still says it is being prepared, can someone help?";

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream(1024);
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return buffer.ToArray();
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] XTweet(Conversation c, long id, long? parent, bool fromBrand, long ts) => Json(json =>
    {
        var brandId = BrandUserIdBase + c.Brand;
        var user = fromBrand ? brandId : c.Customer;
        json.WriteStartObject();
        json.WriteString("for_user_id", Str(brandId));
        json.WriteStartArray("tweet_create_events");
        json.WriteStartObject();
        json.WriteString("created_at", DateTimeOffset.FromUnixTimeMilliseconds(ts).ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture));
        json.WriteString("id_str", Str(id));
        json.WriteString("text", (fromBrand ? $"@user{c.Customer} " : $"@{Handle(c.Brand)} ") + Text(c, fromBrand));
        if (parent is { } p) json.WriteString("in_reply_to_status_id_str", Str(p));
        else json.WriteNull("in_reply_to_status_id_str");
        json.WriteString("in_reply_to_user_id_str", Str(fromBrand ? c.Customer : brandId));
        json.WriteStartObject("user");
        json.WriteString("id_str", Str(user));
        json.WriteString("screen_name", fromBrand ? Handle(c.Brand) : $"user{c.Customer}");
        json.WriteNumber("followers_count", fromBrand ? 250_000 : c.Customer % 5_000);
        json.WriteBoolean("verified", fromBrand);
        json.WriteEndObject();
        json.WriteStartObject("entities");
        json.WriteStartArray("user_mentions");
        json.WriteStartObject();
        json.WriteString("screen_name", fromBrand ? $"user{c.Customer}" : Handle(c.Brand));
        json.WriteString("id_str", Str(fromBrand ? c.Customer : brandId));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("timestamp_ms", Str(ts));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static byte[] XDm(Conversation c, long id, bool fromBrand, long ts) => Json(json =>
    {
        var brandId = BrandUserIdBase + c.Brand;
        json.WriteStartObject();
        json.WriteString("for_user_id", Str(brandId));
        json.WriteStartArray("direct_message_events");
        json.WriteStartObject();
        json.WriteString("type", "message_create");
        json.WriteString("id", Str(id));
        json.WriteString("created_timestamp", Str(ts));
        json.WriteStartObject("message_create");
        json.WriteStartObject("target");
        json.WriteString("recipient_id", Str(fromBrand ? c.Customer : brandId));
        json.WriteEndObject();
        json.WriteString("sender_id", Str(fromBrand ? brandId : c.Customer));
        json.WriteStartObject("message_data");
        json.WriteString("text", Text(c, fromBrand));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("users");
        json.WriteStartObject(Str(c.Customer));
        json.WriteString("id", Str(c.Customer));
        json.WriteString("screen_name", $"user{c.Customer}");
        json.WriteEndObject();
        json.WriteStartObject(Str(brandId));
        json.WriteString("id", Str(brandId));
        json.WriteString("screen_name", Handle(c.Brand));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static byte[] Messenger(Conversation c, long id, bool fromBrand, long ts) => Json(json =>
    {
        var page = Str(PageIdBase + c.Brand);
        var customer = Str(c.Customer);
        json.WriteStartObject();
        json.WriteString("object", "page");
        json.WriteStartArray("entry");
        json.WriteStartObject();
        json.WriteString("id", page);
        json.WriteNumber("time", ts);
        json.WriteStartArray("messaging");
        json.WriteStartObject();
        json.WriteStartObject("sender");
        json.WriteString("id", fromBrand ? page : customer);
        json.WriteEndObject();
        json.WriteStartObject("recipient");
        json.WriteString("id", fromBrand ? customer : page);
        json.WriteEndObject();
        json.WriteNumber("timestamp", ts);
        json.WriteStartObject("message");
        json.WriteString("mid", $"m_soak{id}");
        if (fromBrand) json.WriteBoolean("is_echo", true);
        json.WriteString("text", Text(c, fromBrand));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Takes the server's signed alert posts: records each first-reply alert's lateness, and resolves an
    /// unanswered case (an agent closing it) once its first-reply breach arrives.</summary>
    private async Task ReceiveAlertsAsync(HttpListener listener, CancellationToken stop)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            var received = DateTimeOffset.UtcNow;
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, stop);
            context.Response.StatusCode = 204;
            context.Response.Close();
            using var alert = JsonDocument.Parse(body.ToArray());
            var root = alert.RootElement;
            if (!seen.Add(root.GetProperty("id").GetString()!)) continue; // a redelivery
            if (!root.TryGetProperty("thresholdAt", out var thresholdAt)) continue;
            var lateness = (received - DateTimeOffset.Parse(thresholdAt.GetString()!, CultureInfo.InvariantCulture)).TotalMilliseconds;
            lock (_gate)
            {
                _interval.Alerts++;
                _interval.LatenessMs.Add(lateness);
            }
            if (root.GetProperty("level").GetString() == "breached" && root.GetProperty("clock").GetString() == "firstReply")
                _ = ResolveAsync(root.GetProperty("case").GetString()!);
        }
    }

    private async Task ResolveAsync(string caseId)
    {
        try
        {
            using var response = await _http.PostAsync($"/api/cases/{Uri.EscapeDataString(caseId)}/resolve", null);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent) lock (_gate) _interval.Resolves++;
        }
        catch (HttpRequestException)
        {
        }
    }

    private double Report(TimeSpan at, double cpuSeconds, List<double> allLateness)
    {
        Interval done;
        lock (_gate) (done, _interval) = (_interval, new Interval());
        done.AckMs.Sort();
        done.LatenessMs.Sort();
        allLateness.AddRange(done.LatenessMs);
        var rss = RssMb();
        var (lag, open, resolved) = ServerState();
        var seconds = _o.ReportEvery.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{at.TotalMinutes,5:F1}  {done.Sent / seconds,6:F0}  {done.Errors,6}  {Percentile(done.AckMs, 0.5),10:F2}  {Percentile(done.AckMs, 0.99),10:F2}  {(done.AckMs.Count > 0 ? done.AckMs[^1] : 0),10:F1}  {done.Alerts,6}  {Percentile(done.LatenessMs, 0.5),11:F0}  {Percentile(done.LatenessMs, 0.99),11:F0}  {(done.LatenessMs.Count > 0 ? done.LatenessMs[^1] : 0),11:F0}  {done.Resolves,8}  {rss,6:F0}  {cpuSeconds / seconds,9:F2}  {lag,9}  {open,10}  {resolved,14}"));
        return rss;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_o.Pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return 0;
    }

    private double ServerCpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_o.Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private (long Lag, long Open, long Resolved) ServerState()
    {
        long lag = -1;
        try
        {
            using var health = JsonDocument.Parse(_http.GetStringAsync("/healthz").GetAwaiter().GetResult());
            lag = health.RootElement.GetProperty("components").GetProperty("engine").GetProperty("inboxLag").GetInt64();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException)
        {
        }
        long open = -1, resolved = -1;
        try
        {
            using var db = new SqliteConnection($"Data Source={_o.Database};Mode=ReadOnly");
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT status, count(*) FROM cases GROUP BY status";
            using var reader = command.ExecuteReader();
            open = 0;
            resolved = 0;
            while (reader.Read())
            {
                if (reader.GetString(0) == "resolved") resolved += reader.GetInt64(1);
                else open += reader.GetInt64(1);
            }
        }
        catch (SqliteException)
        {
        }
        return (lag, open, resolved);
    }
}

/// <summary>The soak's settings (see <see cref="Soak"/>).</summary>
internal sealed record SoakOptions(
    Uri Server, int Pid, string Database, double Rate, TimeSpan Duration, TimeSpan ReportEvery, int Brands,
    string XSecret, string MetaSecret, string Token, int AlertPort, int Seed);
