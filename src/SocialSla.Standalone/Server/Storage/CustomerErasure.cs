using System.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Mentions;
using SocialSla.Core.Privacy;
using SocialSla.Core.Sla;
using SocialSla.Core.Storage;

namespace SocialSla.Standalone.Server.Storage;

/// <summary>Erases one customer's personal data from the state and inbox files, in the caller's transaction: their
/// messages (tombstoned: no text, handle or link), the handle, link and excerpt of their cases and alerts, their
/// handle wherever other stored text quotes it (brand replies, other customers, excerpts), and every processed raw
/// envelope holding their id or handle. KPI rows, clocks, dedupe keys and ids stay, so the aggregates do not change.</summary>
/// <remarks>
/// <para>The decisions are Core's (<see cref="PersonalDataEraser"/>); this only finds the rows. Messages are found by
/// author id on the subject's platform (a full scan of <c>messages</c>: erasures are rare and an index would cost every
/// insert). Envelopes are matched by bytes (<c>instr</c>) and deleted whole, since a processed envelope is needed for
/// nothing; those after <c>processedUpTo</c> are left for the engine, whose effects a later erasure would find.</para>
/// <para>Freed bytes leave the pages because every connection runs with <c>secure_delete</c>; the caller empties the
/// write-ahead logs after the commit (<see cref="SqliteDatabase.TruncateLogs"/>).</para>
/// </remarks>
internal static class CustomerErasure
{
    /// <summary>Erases <paramref name="subject"/>'s data; the counts of what changed.</summary>
    public static ErasureOutcome Erase(PreparedCommands commands, ErasureSubject subject, SlaPolicy policy, long processedUpTo)
    {
        var prefix = subject.Platform.ToWireName() + ":";
        var handles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cases = new HashSet<string>(StringComparer.Ordinal);
        using (var rows = commands.Start("SELECT case_id, handle FROM messages WHERE author_id = $author AND substr(id, 1, $n) = $prefix",
            ("$author", subject.AuthorId), ("$n", prefix.Length), ("$prefix", prefix)))
        {
            while (rows.Read())
            {
                if (rows.GetStringOrNull(0) is { } caseId) cases.Add(caseId);
                if (rows.GetStringOrNull(1) is { Length: > 0 } handle) handles.Add(handle);
            }
        }
        var messages = commands.Execute("""
            UPDATE messages SET text = '', handle = NULL, url = NULL, verb = 'erased'
            WHERE author_id = $author AND substr(id, 1, $n) = $prefix AND verb <> 'erased'
            """, ("$author", subject.AuthorId), ("$n", prefix.Length), ("$prefix", prefix));

        // Other conversations may quote the handle too (a customer writing "same as @alice"): those rows are found by
        // the handle itself. The author id counts as a handle only in the customer's own cases (a case without a
        // handle shows the id), so an order number that happens to equal it elsewhere is not touched.
        var quoting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in handles)
        {
            using var rows = commands.Start("SELECT id FROM messages WHERE verb <> 'erased' AND instr(lower(text), lower($h)) > 0", ("$h", handle));
            while (rows.Read()) quoting.Add(rows.GetString(0));
            using var states = commands.Start("SELECT id FROM cases WHERE instr(lower(CAST(state AS TEXT)), lower($h)) > 0", ("$h", handle));
            while (states.Read()) cases.Add(states.GetString(0));
        }
        var handleList = handles.Append(subject.AuthorId).ToArray();
        int casesChanged = 0, alertsChanged = 0;
        var quotesRedacted = 0;
        foreach (var id in quoting) quotesRedacted += RedactMessage(commands, id, [.. handles]);
        foreach (var caseId in cases)
        {
            quotesRedacted += RedactMessages(commands, caseId, handleList);
            if (commands.Scalar("SELECT state FROM cases WHERE id = $id", ("$id", caseId)) is byte[] stored)
            {
                var erased = CaseStateJson.ToUtf8(PersonalDataEraser.Erase(CaseStateJson.Read(stored, policy), handleList));
                if (!erased.AsSpan().SequenceEqual(stored))
                {
                    commands.Execute("UPDATE cases SET state = $state WHERE id = $id", ("$state", erased), ("$id", caseId));
                    casesChanged++;
                }
            }
            alertsChanged += RewriteAlerts(commands, caseId, alert => PersonalDataEraser.Erase(alert, handleList));
        }

        var envelopes = 0;
        foreach (var needle in handleList)
        {
            envelopes += commands.Execute("DELETE FROM inbox WHERE seq <= $upTo AND instr(body, $needle) > 0",
                ("$upTo", processedUpTo), ("$needle", Encoding.UTF8.GetBytes(needle)));
        }
        return new ErasureOutcome(messages, cases.Count, casesChanged, alertsChanged, quotesRedacted, envelopes) { CaseIds = cases, Names = handleList };
    }

    /// <summary>The stored alerts of a case rewritten by <paramref name="change"/>; how many changed.</summary>
    internal static int RewriteAlerts(PreparedCommands commands, string caseId, Func<SlaAlert, SlaAlert> change)
    {
        var bodies = new List<(string Id, byte[] Body)>();
        using (var rows = commands.Start("SELECT id, body FROM alerts WHERE case_id = $case", ("$case", caseId)))
        {
            while (rows.Read()) bodies.Add((rows.GetString(0), rows.GetBlob(1)));
        }
        var changed = 0;
        foreach (var (id, body) in bodies)
        {
            if (!SlaAlertJson.TryRead(body, out var alert)) continue;
            var rewritten = change(alert);
            if (ReferenceEquals(rewritten, alert) || rewritten == alert) continue;
            commands.Execute("UPDATE alerts SET body = $body WHERE id = $id", ("$body", SlaAlertJson.ToUtf8(rewritten)), ("$id", id));
            changed++;
        }
        return changed;
    }

    private static int RedactMessage(PreparedCommands commands, string id, string[] handles)
    {
        if (commands.Scalar("SELECT text FROM messages WHERE id = $id", ("$id", id)) is not string text) return 0;
        var redacted = PersonalDataEraser.Redact(text, handles);
        if (ReferenceEquals(redacted, text)) return 0;
        commands.Execute("UPDATE messages SET text = $text WHERE id = $id", ("$text", redacted), ("$id", id));
        return 1;
    }

    private static int RedactMessages(PreparedCommands commands, string caseId, string[] handles)
    {
        var texts = new List<(string Id, string Text)>();
        using (var rows = commands.Start("SELECT id, text FROM messages WHERE case_id = $case AND verb <> 'erased'", ("$case", caseId)))
        {
            while (rows.Read()) texts.Add((rows.GetString(0), rows.GetString(1)));
        }
        var changed = 0;
        foreach (var (id, text) in texts)
        {
            var redacted = PersonalDataEraser.Redact(text, handles);
            if (ReferenceEquals(redacted, text)) continue;
            commands.Execute("UPDATE messages SET text = $text WHERE id = $id", ("$text", redacted), ("$id", id));
            changed++;
        }
        return changed;
    }
}

/// <summary>What an erasure changed: customer messages tombstoned, their cases (found, and whose stored state
/// changed), alerts rewritten, other messages whose quote of the handle was redacted, raw envelopes deleted.</summary>
internal sealed record ErasureOutcome(int Messages, int Cases, int CasesChanged, int Alerts, int QuotesRedacted, int Envelopes)
{
    /// <summary>The ids of the customer's cases.</summary>
    public IReadOnlyCollection<string> CaseIds { get; init; } = [];

    /// <summary>The customer's handles and id, for erasing the copies outside the database (the <c>jsonl</c> sink's
    /// file). Personal data: never logged, audited or answered.</summary>
    public IReadOnlyCollection<string> Names { get; init; } = [];

    /// <summary>The counts as a JSON object (the audit entry's detail; no text, no handle).</summary>
    public string ToJson() =>
        $$"""{"messages":{{Messages}},"cases":{{Cases}},"casesChanged":{{CasesChanged}},"alerts":{{Alerts}},"quotesRedacted":{{QuotesRedacted}},"envelopes":{{Envelopes}}}""";
}
