using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Tests.Support;

/// <summary>Small builders for test mentions at fixed instants.</summary>
internal static class Make
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 9, 0);

    public static readonly PlatformAccountId Brand = new(Platform.X, "ContosoCoffee");

    public static Instant At(double minutes) => T0 + Duration.FromSeconds(minutes * 60);

    public static Mention Customer(string id, double minutes, string? parent = null, string author = "200001",
        bool actionable = true, Priority priority = Priority.Normal, Channel channel = Channel.Mention,
        string? threadKey = null, PlatformAccountId? account = null, MentionVerb verb = MentionVerb.Add) => new()
    {
        Id = new MentionId((account ?? Brand).Platform, id),
        Channel = channel,
        Account = account ?? Brand,
        ParentId = parent is null ? null : new MentionId((account ?? Brand).Platform, parent),
        ThreadKey = threadKey,
        Author = new Author(author, "cust" + author),
        FromBrand = false,
        Text = "@ContosoCoffee my order never arrived",
        CreatedAt = At(minutes),
        ReceivedAt = At(minutes),
        Actionable = actionable,
        Priority = priority,
        Verb = verb,
    };

    public static Mention Reply(string id, double minutes, string? parent, bool automated = false,
        Channel channel = Channel.Mention, string? threadKey = null, PlatformAccountId? account = null, string text = "@200001 sorry, we are on it") => new()
    {
        Id = new MentionId((account ?? Brand).Platform, id),
        Channel = channel,
        Account = account ?? Brand,
        ParentId = parent is null ? null : new MentionId((account ?? Brand).Platform, parent),
        ThreadKey = threadKey,
        Author = new Author((account ?? Brand).Value),
        FromBrand = true,
        Text = text,
        CreatedAt = At(minutes),
        ReceivedAt = At(minutes),
        Automated = automated,
    };
}
