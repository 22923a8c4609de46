namespace SocialSla.Standalone.Generate;

/// <summary>What a customer's opening message is about; it decides priority.</summary>
internal enum MessageKind
{
    Question,
    Complaint,
    Outage,
    Refund,
    Urgent,
    MultiLine,
}
