namespace SocialSla.Core.Pipeline;

/// <summary>What the pipeline did with a mention.</summary>
public enum IngestOutcome : byte
{
    /// <summary>Recorded and applied to its case.</summary>
    Applied = 1,
    /// <summary>Recorded (counted, threaded) but belongs to no case: a brand post nobody answered, a non-actionable message.</summary>
    Recorded,
    /// <summary>An edit or delete of a known message: counted once, no clock effect.</summary>
    Updated,
    /// <summary>Seen before: nothing changed.</summary>
    Duplicate,
}
