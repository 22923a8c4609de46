namespace SocialSla.Core.Privacy;

/// <summary>The Luhn (mod 10) check digit test that every payment card number passes.</summary>
public static class Luhn
{
    /// <summary>Whether <paramref name="digits"/> (ASCII digits only) passes the Luhn check.</summary>
    /// <remarks>An empty span, or one with a character other than <c>0</c>–<c>9</c>, does not pass.</remarks>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty) return false;
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9) return false;
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>The check digit that makes <paramref name="payload"/> followed by it pass <see cref="IsValid"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="payload"/> holds a character other than an ASCII digit.</exception>
    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if ((uint)d > 9) throw new ArgumentException($"Only ASCII digits have a check digit; '{payload[i]}' at {i} is not one.", nameof(payload));
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}
