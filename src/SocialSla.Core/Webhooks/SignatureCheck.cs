namespace SocialSla.Core.Webhooks;

/// <summary>The outcome of checking a webhook delivery's signature; anything but <see cref="Valid"/> is answered with
/// 401 and this value as the reason.</summary>
public enum SignatureCheck : byte
{
    /// <summary>A configured secret signed exactly these bytes (and, where the scheme has one, the timestamp is inside
    /// the replay window).</summary>
    Valid = 1,
    /// <summary>A header the scheme needs is absent or empty.</summary>
    Missing,
    /// <summary>A header is present but not in the scheme's format (wrong prefix, bad hex or Base64, a timestamp that
    /// is not a number).</summary>
    Malformed,
    /// <summary>The header is well formed but no configured secret produces it: the body was altered, or the sender
    /// uses another secret.</summary>
    Mismatch,
    /// <summary>The signed timestamp is further from now than the replay window allows (checked before the
    /// signature).</summary>
    OutsideWindow,
}
