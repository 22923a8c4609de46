using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Generate;

/// <summary>One generated message with what the writers need beyond its <see cref="Mention"/>.</summary>
/// <remarks>Mutable while its conversation is built; never changed after it is queued.</remarks>
internal sealed class GeneratedMessage
{
    /// <summary>The creation time (distinct per pending message).</summary>
    public long UnixMs;

    /// <summary>The snowflake number behind the id.</summary>
    public long Snowflake;

    /// <summary>The message it replies to (null for an opening, and for Messenger DMs).</summary>
    public GeneratedMessage? Parent;

    /// <summary>The replies to it, in time order (TWCS <c>response_tweet_id</c>).</summary>
    public List<GeneratedMessage>? Children;

    public bool FromBrand;
    public string Text = "";
    public Priority Priority = Priority.Normal;
    public bool Actionable = true;

    /// <summary>Whether an exact duplicate row follows <see cref="DuplicateGap"/> rows after this one.</summary>
    public bool Duplicate;
    public int DuplicateGap;

    /// <summary>Whether delivery is late: the row waits until the message that <see cref="Releases"/> it is written.</summary>
    public bool Held;

    /// <summary>How many rows after its releasing message a held row is written.</summary>
    public int ReleaseGap;

    /// <summary>The held message written right after this one.</summary>
    public GeneratedMessage? Releases;

    /// <summary>When the pipeline receives it (late for a held message).</summary>
    public long ReceivedUnixMs;

    /// <summary>The finished mention; set once the conversation is complete.</summary>
    public Mention Mention = null!;

    public void AddChild(GeneratedMessage child) => (Children ??= []).Add(child);
}
