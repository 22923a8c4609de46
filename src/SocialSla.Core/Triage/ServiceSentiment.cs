namespace SocialSla.Core.Triage;

/// <summary>A cloud language service's verdict on one document (Azure AI Language sentiment): its label and its three
/// confidence scores, as the host's adapter read them.</summary>
/// <param name="Label">The service's label: <c>positive</c>, <c>neutral</c>, <c>negative</c> or <c>mixed</c> (any case).</param>
/// <param name="Positive">Confidence in positive, 0–1.</param>
/// <param name="Neutral">Confidence in neutral, 0–1.</param>
/// <param name="Negative">Confidence in negative, 0–1.</param>
public readonly record struct ServiceSentiment(string Label, double Positive, double Neutral, double Negative);
