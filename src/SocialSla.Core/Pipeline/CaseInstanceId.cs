using System.Security.Cryptography;
using System.Text;
using SocialSla.Core.Cases;
using SocialSla.Core.Storage.Tables;

namespace SocialSla.Core.Pipeline;

/// <summary>The id of a case's clock orchestration (Durable Functions instance id) for a case id.</summary>
/// <remarks>Durable instance ids are at most <see cref="MaxLength"/> characters, printable ASCII for the Durable Task
/// Scheduler, and must not hold <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> or control characters (the Azure Storage
/// backend keys tables with them). Case ids hold <c>#</c> (a conversation's later cases) and may hold <c>/</c> (feed
/// item ids). The id is the case id escaped with <see cref="TableKeys.Escape"/> (reversible, readable) when that fits,
/// else <c>case-</c> and the SHA-256 of the case id in hexadecimal. Deterministic; distinct case ids give distinct
/// instance ids.</remarks>
public static class CaseInstanceId
{
    /// <summary>The longest instance id.</summary>
    public const int MaxLength = 100;

    /// <summary>The instance id of a case's orchestration.</summary>
    /// <exception cref="ArgumentException">The case id is the default value.</exception>
    public static string Of(CaseId id)
    {
        var value = id.Value ?? throw new ArgumentException("The case id is the default value.", nameof(id));
        var escaped = TableKeys.Escape(value);
        if (escaped.Length <= MaxLength && !escaped.StartsWith("case-", StringComparison.Ordinal) && escaped.All(c => c is >= ' ' and <= '~'))
            return escaped;
        return "case-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }
}
