namespace SocialSla.Core.Mentions;

/// <summary>What happened to a message on the platform.</summary>
public enum MentionVerb : byte
{
    /// <summary>The message was created (<c>add</c>).</summary>
    Add = 1,
    /// <summary>The message text was edited (<c>edit</c>).</summary>
    Edit,
    /// <summary>The message was deleted or hidden (<c>delete</c>).</summary>
    Delete,
}
