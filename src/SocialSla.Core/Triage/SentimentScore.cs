namespace SocialSla.Core.Triage;

/// <summary>The offline analyser's verdict on one text: a score in [−1, 1] and its label.</summary>
/// <param name="Score">From −1 (most negative) through 0 (neutral) to 1 (most positive); 0 when the label is
/// <see cref="SentimentLabel.Unknown"/>.</param>
/// <param name="Label">The class the score falls in, or <see cref="SentimentLabel.Unknown"/> for a language the
/// analyser does not know.</param>
/// <remarks>Equality is by value. The default value is an unknown verdict with score 0.</remarks>
public readonly record struct SentimentScore(float Score, SentimentLabel Label);
