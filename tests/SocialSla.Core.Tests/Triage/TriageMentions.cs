using SocialSla.Core.Mentions;
using static SocialSla.Core.Tests.Support.Make;

namespace SocialSla.Core.Tests.Triage;

/// <summary>Customer mentions with a chosen text, author and channel, for triage tests.</summary>
internal static class TriageMentions
{
    private static int _next;

    public static Mention Text(string text, Channel channel = Channel.Mention, string author = "200001", string? handle = null,
        long? followers = 120, bool verified = false, string? parent = null, PlatformAccountId? account = null) =>
        Customer($"t{Interlocked.Increment(ref _next)}", 0, parent: parent, author: author, channel: channel, account: account) with
        {
            Text = text,
            Author = new Author(author, handle ?? "cust" + author, followers, verified),
        };
}
