namespace SocialSla.Core.Storage.Tables;

/// <summary>What one change of an entity group transaction does.</summary>
public enum TableChangeKind : byte
{
    /// <summary>Insert an entity that must not exist yet (409 otherwise).</summary>
    Insert = 1,

    /// <summary>Replace an entity whose ETag is still the one read (412 otherwise).</summary>
    Replace,

    /// <summary>Delete an entity whose ETag is still the one read (412 otherwise, 404 when it is gone).</summary>
    Delete,
}
