using System.Globalization;
using NodaTime;
using SocialSla.Core.Mentions;

namespace SocialSla.Standalone.Generate;

// Turning a finished conversation into mentions: ids, authors, thread keys, times and links.
internal sealed partial class ConversationFactory
{
    /// <summary>Sets receive times and builds each message's <see cref="Mention"/>.</summary>
    private void Finish(List<GeneratedMessage> messages, Platform platform, int brandIndex, Customer customer)
    {
        var brand = _brands[brandIndex];
        var cache = _brandCache[brandIndex];
        var twcs = _format == GenerateFormat.Twcs;

        foreach (var m in messages)
        {
            m.ReceivedUnixMs = twcs ? m.UnixMs / 1000 * 1000 : m.UnixMs + ReceiveLag();
        }
        if (!twcs)
        {
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                var trigger = messages[i].Releases;
                if (trigger is null) continue;
                // 'trigger' is the held message; this one releases it.
                trigger.ReceivedUnixMs = Math.Max(trigger.ReceivedUnixMs, messages[i].ReceivedUnixMs + 400 + 700 * trigger.ReleaseGap);
            }
        }

        string? threadKey = null;
        string? postId = null;
        Author customerAuthor;
        switch (platform)
        {
            case Platform.Messenger:
                var psid = customer.PageScopedId(brandIndex);
                threadKey = brand.PageId + ":" + psid;
                customerAuthor = new Author(psid);
                break;
            case Platform.Facebook:
                postId = brand.PageId + "_" + (100_000_000 + messages[0].UnixMs / (6 * 3_600_000)).ToString(CultureInfo.InvariantCulture);
                customerAuthor = new Author(customer.AppScopedId(), customer.DisplayName);
                break;
            default:
                var number = customer.Number.ToString(CultureInfo.InvariantCulture);
                customerAuthor = twcs ? new Author(number) : new Author(number, customer.Handle, customer.Followers, customer.Verified);
                break;
        }

        var account = cache.Account(platform);
        var brandAuthor = cache.Author(platform, twcs);
        foreach (var m in messages)
        {
            var snowflake = m.Snowflake.ToString(CultureInfo.InvariantCulture);
            var externalId = platform switch
            {
                Platform.Messenger => "m_" + snowflake,
                Platform.Facebook => postId![(postId!.IndexOf('_') + 1)..] + "_" + snowflake,
                _ => snowflake,
            };
            if (platform == Platform.Facebook && m.Parent is null) threadKey = postId + ":" + externalId;
            var createdAt = twcs ? m.UnixMs / 1000 * 1000 : m.UnixMs;
            m.Mention = new Mention
            {
                Id = new MentionId(platform, externalId),
                Channel = platform switch { Platform.Messenger => Channel.Dm, Platform.Facebook => Channel.PublicComment, _ => Channel.Mention },
                Account = account,
                ParentId = m.Parent?.Mention.Id,
                ThreadKey = threadKey,
                Author = m.FromBrand ? brandAuthor : customerAuthor,
                FromBrand = m.FromBrand,
                Text = m.Text,
                CreatedAt = Instant.FromUnixTimeMilliseconds(createdAt),
                ReceivedAt = Instant.FromUnixTimeMilliseconds(m.ReceivedUnixMs),
                Actionable = twcs || m.Actionable,
                Priority = twcs ? Priority.Normal : m.Priority,
                Url = twcs ? null : platform switch
                {
                    Platform.X => "https://x.com/" + (m.FromBrand ? brand.Handle : customer.Handle) + "/status/" + externalId,
                    Platform.Facebook => "https://www.facebook.com/" + postId + "?comment_id=" + snowflake,
                    _ => null,
                },
            };
        }
    }

    /// <summary>Webhook latency: log-normal around 1.5 s; 1 % arrive minutes late (a pull, a retry).</summary>
    private long ReceiveLag()
    {
        var lag = _random.LogNormal(1_500, 0.7);
        if (_random.Chance(0.01)) lag += _random.Exponential(5 * 60_000);
        return (long)lag + 1;
    }

    /// <summary>Per-brand values reused by every conversation.</summary>
    private sealed class BrandCache(BrandProfile brand)
    {
        private readonly PlatformAccountId _x = new(Platform.X, brand.Handle);
        private readonly PlatformAccountId _messenger = new(Platform.Messenger, brand.PageId);
        private readonly PlatformAccountId _facebook = new(Platform.Facebook, brand.PageId);
        private readonly Author _xTwcs = new(brand.Handle);
        private readonly Author _xFull = new(brand.Handle, brand.Handle, (long)(20_000 + 45_000 * brand.Weight), true);
        private readonly Author _page = new(brand.PageId, brand.Handle, null, true);

        public string XMention { get; } = "@" + brand.Handle + " ";

        public string HelpUrl { get; } = "https://support." + brand.Handle.ToLowerInvariant() + ".example/help/";

        public PlatformAccountId Account(Platform platform) => platform switch
        {
            Platform.Messenger => _messenger,
            Platform.Facebook => _facebook,
            _ => _x,
        };

        public Author Author(Platform platform, bool twcs) => platform == Platform.X ? (twcs ? _xTwcs : _xFull) : _page;
    }
}
