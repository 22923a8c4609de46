using SocialSla.Core.Alerts;
using SocialSla.Core.Cases;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Privacy;

/// <summary>What is left of stored values once a customer's personal data is erased, or once a platform says a message
/// was deleted: pure functions the hosts apply to what they keep.</summary>
/// <remarks>
/// <para>Erasure keeps every fact a clock or a KPI needs (instants, kinds, priority, the contribution recorded) and
/// drops what identifies or quotes the customer: handle, link and excerpt of a case or alert whose customer is the
/// erased one, and the erased handles wherever other text quotes them (a brand reply starting <c>@alice</c>).</para>
/// <para>Handles are matched ordinally ignoring case, as whole words (<c>al</c> does not match inside <c>alice</c>),
/// with or without a leading <c>@</c>; each match becomes <see cref="Erased"/>.</para>
/// </remarks>
public static class PersonalDataEraser
{
    /// <summary>What an erased handle is replaced with in text that quoted it.</summary>
    public const string Erased = "[erased]";

    /// <summary>A case without the erased customer: handle, link and excerpt cleared when the case's customer is one of
    /// <paramref name="handles"/>, else its excerpt with those handles redacted. KPI and clock fields are unchanged.</summary>
    public static CaseState Erase(CaseState state, IReadOnlyCollection<string> handles)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(handles);
        return IsOneOf(state.CustomerHandle, handles)
            ? state with { CustomerHandle = null, Link = null, Excerpt = "" }
            : state with { Excerpt = Redact(state.Excerpt, handles) };
    }

    /// <summary>An alert without the erased customer, by the rule of <see cref="Erase(CaseState, IReadOnlyCollection{string})"/>.</summary>
    public static SlaAlert Erase(SlaAlert alert, IReadOnlyCollection<string> handles)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(handles);
        return IsOneOf(alert.CustomerHandle, handles)
            ? alert with { CustomerHandle = null, Link = null, Excerpt = "" }
            : alert with { Excerpt = Redact(alert.Excerpt, handles) };
    }

    /// <summary>A case whose excerpt quoted a message the platform says was deleted (<paramref name="deletedText"/>, as
    /// stored), without that excerpt; otherwise the case unchanged (the same instance).</summary>
    public static CaseState Tombstone(CaseState state, string deletedText)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(deletedText);
        return QuotesDeleted(state.Excerpt, deletedText) ? state with { Excerpt = "" } : state;
    }

    /// <summary>An alert whose excerpt quoted a deleted message, without it; otherwise the alert unchanged (the same instance).</summary>
    public static SlaAlert Tombstone(SlaAlert alert, string deletedText)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(deletedText);
        return QuotesDeleted(alert.Excerpt, deletedText) ? alert with { Excerpt = "" } : alert;
    }

    /// <summary>A message that arrives after the platform said it was deleted (deliveries come out of order): kept for
    /// its clocks and KPIs, without its text or link.</summary>
    public static Mention Tombstone(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return mention with { Text = "", Url = null };
    }

    /// <summary><paramref name="text"/> with every whole-word occurrence of the handles (with or without <c>@</c>)
    /// replaced by <see cref="Erased"/>; the same string when none occurs.</summary>
    public static string Redact(string text, IReadOnlyCollection<string> handles)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(handles);
        foreach (var handle in handles)
        {
            if (string.IsNullOrEmpty(handle)) continue;
            var from = 0;
            while (from < text.Length && text.IndexOf(handle, from, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
            {
                var end = at + handle.Length;
                if (IsWordBoundary(text, at - 1) && IsWordBoundary(text, end))
                {
                    var start = at > 0 && text[at - 1] == '@' ? at - 1 : at;
                    text = string.Concat(text.AsSpan(0, start), Erased, text.AsSpan(end));
                    from = start + Erased.Length;
                }
                else from = at + 1;
            }
        }
        return text;
    }

    private static bool IsWordBoundary(string text, int index) =>
        index < 0 || index >= text.Length || !(char.IsLetterOrDigit(text[index]) || text[index] == '_');

    private static bool IsOneOf(string? handle, IReadOnlyCollection<string> handles) =>
        handle is not null && handles.Any(h => string.Equals(h, handle, StringComparison.OrdinalIgnoreCase));

    // An excerpt is the start of the first customer message (CaseMachine.Excerpt), so it quotes a deleted message
    // when it equals that message's excerpt.
    private static bool QuotesDeleted(string excerpt, string deletedText) =>
        excerpt.Length > 0 && deletedText.Length > 0 && excerpt == CaseMachine.Excerpt(deletedText);
}
