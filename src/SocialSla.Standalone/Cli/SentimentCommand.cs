using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialSla.Core.Triage;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla sentiment FILE.csv --eval [--json]</c>: runs the offline sentiment analyser over a labelled
/// CSV (<c>text</c> and <c>sentiment</c> columns) and prints macro-F1, per-class precision, recall and F1, the
/// confusion matrix and documents per second on one thread.</summary>
internal static class SentimentCommand
{
    /// <summary>The shortest measuring time for documents per second; small files are analysed several times.</summary>
    private static readonly TimeSpan MinMeasure = TimeSpan.FromSeconds(1);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A CSV with a header naming 'text' and 'sentiment' (negative, neutral, positive) columns." };
        var eval = new Option<bool>("--eval") { Description = "Compare the analyser's labels with the file's and print the scores (required)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the text report." };
        var command = new Command("sentiment", "Evaluate the offline sentiment analyser on a labelled CSV.") { file, eval, json };
        command.SetAction(parsed => Run(parsed.GetValue(file)!, parsed.GetValue(eval), parsed.GetValue(json), output, error));
        return command;
    }

    private static int Run(string path, bool eval, bool json, TextWriter output, TextWriter error)
    {
        if (!eval) return Fail(error, "sentiment: pass --eval (the only mode so far: score a labelled file).");
        IReadOnlyList<LabelledText> documents;
        long skipped;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            if (!LabelledTextReader.TryRead(reader, out documents, out skipped, out var reason)) return Fail(error, $"{path}: {reason}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(error, $"cannot read '{path}': {e.Message}");
        }
        if (skipped > 0) error.WriteLine($"{path}: skipped {skipped} records without a negative, neutral or positive label.");

        var confusion = new SentimentConfusion();
        foreach (var document in documents) confusion.Add(document.Label, SentimentAnalyzer.Analyze(document.Text).Label);
        var docsPerSecond = Throughput(documents);

        if (json) output.Write(Json(confusion, skipped, docsPerSecond));
        else output.Write(Text(confusion, skipped, docsPerSecond));
        output.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>Analyses the documents on this thread, again and again until at least <see cref="MinMeasure"/> has
    /// passed, after one warm-up pass.</summary>
    private static double Throughput(IReadOnlyList<LabelledText> documents)
    {
        if (documents.Count == 0) return 0;
        var sink = 0f;
        foreach (var d in documents) sink += SentimentAnalyzer.Analyze(d.Text).Score;
        long analysed = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var d in documents) sink += SentimentAnalyzer.Analyze(d.Text).Score;
            analysed += documents.Count;
        }
        while (clock.Elapsed < MinMeasure);
        GC.KeepAlive(sink);
        return analysed / clock.Elapsed.TotalSeconds;
    }

    private static readonly SentimentLabel[] Columns = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive, SentimentLabel.Unknown];

    private static string Name(SentimentLabel label) => label.ToString().ToLowerInvariant();

    private static string Text(SentimentConfusion m, long skipped, double docsPerSecond)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"documents   {m.Total:N0}{(skipped > 0 ? $" ({skipped:N0} skipped)" : "")}");
        s.AppendLine(inv, $"macro-F1    {m.MacroF1:0.000}");
        s.AppendLine(inv, $"accuracy    {m.Accuracy:0.000}");
        s.AppendLine();
        s.AppendLine("class       precision  recall  F1     support");
        foreach (var c in SentimentConfusion.Classes)
            s.AppendLine(inv, $"{Name(c),-10}  {m.Precision(c),9:0.000}  {m.Recall(c),6:0.000}  {m.F1(c):0.000}  {m.Support(c),7:N0}");
        s.AppendLine();
        s.AppendLine("confusion (rows: expected, columns: predicted)");
        s.Append(' ', 10);
        foreach (var p in Columns) s.Append(inv, $"{Name(p),10}");
        s.AppendLine();
        foreach (var e in SentimentConfusion.Classes)
        {
            s.Append(inv, $"{Name(e),-10}");
            foreach (var p in Columns) s.Append(inv, $"{m.Count(e, p),10:N0}");
            s.AppendLine();
        }
        s.AppendLine();
        s.AppendLine(inv, $"throughput  {docsPerSecond:N0} documents/s (one thread)");
        return s.ToString();
    }

    private static string Json(SentimentConfusion m, long skipped, double docsPerSecond)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("documents", m.Total);
            w.WriteNumber("skipped", skipped);
            w.WriteNumber("macroF1", Math.Round(m.MacroF1, 4));
            w.WriteNumber("accuracy", Math.Round(m.Accuracy, 4));
            w.WriteStartObject("classes");
            foreach (var c in SentimentConfusion.Classes)
            {
                w.WriteStartObject(Name(c));
                w.WriteNumber("precision", Math.Round(m.Precision(c), 4));
                w.WriteNumber("recall", Math.Round(m.Recall(c), 4));
                w.WriteNumber("f1", Math.Round(m.F1(c), 4));
                w.WriteNumber("support", m.Support(c));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("confusion");
            foreach (var e in SentimentConfusion.Classes)
            {
                w.WriteStartObject(Name(e));
                foreach (var p in Columns) w.WriteNumber(Name(p), m.Count(e, p));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("docsPerSecond", Math.Round(docsPerSecond));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static int Fail(TextWriter error, string reason)
    {
        error.WriteLine($"socialsla: {reason}");
        return ExitCodes.BadInput;
    }
}
