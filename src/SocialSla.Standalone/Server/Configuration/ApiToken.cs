namespace SocialSla.Standalone.Server.Configuration;

/// <summary>A configured API token: only its SHA-256 is known.</summary>
internal sealed record ApiToken(string Name, ApiRole Role, byte[] Sha256);
