namespace SocialSla.Core.Triage;

/// <summary>One document of a labelled sentiment file.</summary>
/// <param name="Text">The document's text.</param>
/// <param name="Label">Its human label.</param>
public sealed record LabelledText(string Text, SentimentLabel Label);
