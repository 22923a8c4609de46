namespace SocialSla.Standalone.Generate;

/// <summary>The file format <see cref="TrafficGenerator"/> writes.</summary>
public enum GenerateFormat
{
    /// <summary>TWCS CSV ("Customer Support on Twitter" schema): X mentions only, with a header row.</summary>
    Twcs,

    /// <summary>One JSON mention object per line: X mentions plus Messenger DMs and Facebook public comments.</summary>
    Jsonl,
}
