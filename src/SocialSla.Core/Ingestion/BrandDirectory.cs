using System.Diagnostics.CodeAnalysis;
using SocialSla.Core.Mentions;

namespace SocialSla.Core.Ingestion;

/// <summary>The configured brand accounts, looked up by the platform's id for them. An event addressed to an account
/// that is not here is counted and ignored.</summary>
public sealed class BrandDirectory
{
    private readonly Dictionary<(Platform, string), BrandAccount> _byPlatformId = [];
    private readonly Dictionary<PlatformAccountId, BrandAccount> _byAccount = [];

    /// <summary>Creates a directory; two accounts with the same platform and platform id are an error.</summary>
    public BrandDirectory(IEnumerable<BrandAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        foreach (var account in accounts)
        {
            if (!_byPlatformId.TryAdd((account.Account.Platform, account.PlatformUserId), account))
                throw new ArgumentException($"Brand account {account.PlatformUserId} on {account.Account.Platform.ToWireName()} is configured twice.", nameof(accounts));
            if (!_byAccount.TryAdd(account.Account, account))
                throw new ArgumentException($"Brand account {account.Account} is configured twice.", nameof(accounts));
        }
    }

    /// <summary>All configured accounts.</summary>
    public IEnumerable<BrandAccount> Accounts => _byPlatformId.Values;

    /// <summary>Finds the brand account with the platform's id <paramref name="platformUserId"/> on <paramref name="platform"/>.</summary>
    public bool TryFind(Platform platform, string? platformUserId, [NotNullWhen(true)] out BrandAccount? account)
    {
        account = null;
        return platformUserId is not null && _byPlatformId.TryGetValue((platform, platformUserId), out account);
    }

    /// <summary>Finds the brand account named <paramref name="account"/> (as cases and KPIs name it).</summary>
    public bool TryFind(PlatformAccountId account, [NotNullWhen(true)] out BrandAccount? brand) =>
        _byAccount.TryGetValue(account, out brand);
}
