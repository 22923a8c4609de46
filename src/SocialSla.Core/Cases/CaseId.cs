using System.Diagnostics.CodeAnalysis;

namespace SocialSla.Core.Cases;

/// <summary>The identity of a case: one customer's conversation with one brand account on one channel.</summary>
/// <remarks>
/// Written <c>platform:account:key</c>, where the key is the conversation's root message id or thread key, followed
/// by <c>#n</c> when the conversation restarted as a new case after the reopen window. Equality is ordinal.
/// The default value is not valid.
/// </remarks>
public readonly record struct CaseId
{
    /// <summary>Creates a case id from its text.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or white space.</exception>
    public CaseId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
        _hash = value.GetHashCode();
    }

    private readonly int _hash;

    /// <summary>The id's text.</summary>
    public string Value { get; }

    /// <summary>Parses a case id.</summary>
    /// <exception cref="FormatException">The text is empty.</exception>
    public static CaseId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("A case id must not be empty.");

    /// <summary>Tries to parse a case id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CaseId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        id = new CaseId(text);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(CaseId other) => _hash == other._hash && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override string ToString() => Value;
}
