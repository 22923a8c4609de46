namespace SocialSla.Standalone.Server.Storage;

/// <summary>The store refused a write (disk full, file locked, I/O error); nothing of it was applied.</summary>
internal sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message) : base(message) { }

    public StorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}
