namespace SocialSla.Core.Cases;

/// <summary>Where a case stands.</summary>
public enum CaseStatus : byte
{
    /// <summary>Only non-actionable messages so far: no clock runs and the case does not count as opened.</summary>
    NotOpened = 1,
    /// <summary>Open: the team owes or may owe a reply.</summary>
    Open,
    /// <summary>Resolved (explicitly, or after customer silence); a customer message within the reopen window reopens it.</summary>
    Resolved,
    /// <summary>Closed for good: the reopen window passed; a new customer message starts a new case.</summary>
    Closed,
}
