using SocialSla.Core.Mentions;

namespace SocialSla.Core.Triage;

/// <summary>One known customer: matched by platform handle or platform author id, as a CRM lookup would.</summary>
/// <param name="Platform">The platform, or <see langword="null"/> to match on every platform.</param>
/// <param name="Handle">The handle, without <c>@</c> (matched ignoring case), or <see langword="null"/>.</param>
/// <param name="AuthorId">The platform's author id (matched exactly), or <see langword="null"/>.</param>
/// <param name="Priority">The priority the customer's messages get at least.</param>
public sealed record VipEntry(Platform? Platform, string? Handle, string? AuthorId, Priority Priority);
