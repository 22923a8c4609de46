using System.Collections.Frozen;
using System.Globalization;

namespace SocialSla.Core.Triage;

/// <summary>The analyser's word knowledge: one frozen table from lower-case word to <see cref="WordInfo"/>, built once
/// from the hand-written lists in the <c>Lexicon.*.cs</c> parts, plus the phrase lists, emoji and emoticons.</summary>
/// <remarks>The lists are written from general knowledge of English sentiment words and customer-care language,
/// not derived from any labelled data set. Immutable and thread-safe.</remarks>
internal static partial class Lexicon
{
    public static readonly FrozenDictionary<string, WordInfo> Words;
    public static readonly WordTable Table;
    public static readonly LexiconPhrase[][] PhraseLists;

    static Lexicon()
    {
        var words = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        AddValences(words, Positive);
        AddValences(words, Negative);
        AddValences(words, Care);
        AddRole(words, Negators, WordRoles.Negator, 0f);
        AddBoosts(words, Intensifiers, WordRoles.Intensifier);
        AddBoosts(words, Diminishers, WordRoles.Diminisher);
        AddRole(words, Contrasts, WordRoles.Contrast, 0f);
        AddRole(words, QuestionWords, WordRoles.QuestionWord, 0f);
        AddRole(words, RequestWords, WordRoles.Request, 0f);
        AddRole(words, OutageWords, WordRoles.Outage, 0f);
        AddRole(words, ThanksWords, WordRoles.Thanks, 0f);
        AddRole(words, ComplaintWords, WordRoles.Complaint, 0f);
        AddRole(words, SarcasmWords, WordRoles.Sarcasm, 0f);
        AddStopWords(words);

        var lists = new List<List<LexiconPhrase>>();
        AddPhrases(words, lists, Phrases);
        PhraseLists = lists.Select(l => l.ToArray()).ToArray();
        Words = words.ToFrozenDictionary(StringComparer.Ordinal);
        Table = new WordTable(Words);
    }

    private static IEnumerable<string> Items(string list) =>
        list.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static void AddValences(Dictionary<string, WordInfo> words, string list)
    {
        foreach (var item in Items(list))
        {
            var colon = item.LastIndexOf(':');
            var word = item[..colon];
            var info = words.GetValueOrDefault(word);
            info.Valence = float.Parse(item.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            words[word] = info;
        }
    }

    private static void AddRole(Dictionary<string, WordInfo> words, string list, WordRoles role, float boost)
    {
        foreach (var word in Items(list))
        {
            var info = words.GetValueOrDefault(word);
            info.Roles |= role;
            if (boost != 0) info.Boost = boost;
            words[word] = info;
        }
    }

    private static void AddBoosts(Dictionary<string, WordInfo> words, string list, WordRoles role)
    {
        foreach (var item in Items(list))
        {
            var colon = item.LastIndexOf(':');
            AddRole(words, item[..colon], role, float.Parse(item.AsSpan(colon + 1), CultureInfo.InvariantCulture));
        }
    }

    private static void AddStopWords(Dictionary<string, WordInfo> words)
    {
        foreach (var (language, list) in StopWords)
        {
            foreach (var word in Items(list))
            {
                var info = words.GetValueOrDefault(word);
                info.Languages |= (byte)(1 << ((int)language - 1));
                words[word] = info;
            }
        }
    }

    /// <summary>Phrase lines: <c>word word … : valence : role,role</c>.</summary>
    private static void AddPhrases(Dictionary<string, WordInfo> words, List<List<LexiconPhrase>> lists, string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(':');
            var phraseWords = Items(parts[0]).ToArray();
            var valence = float.Parse(parts[1].Trim(), CultureInfo.InvariantCulture);
            var roles = WordRoles.None;
            if (parts.Length > 2)
            {
                foreach (var role in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    roles |= Enum.Parse<WordRoles>(role);
            }
            var last = phraseWords[^1];
            var info = words.GetValueOrDefault(last);
            if ((info.Roles & WordRoles.PhraseEnd) == 0)
            {
                info.Roles |= WordRoles.PhraseEnd;
                info.Phrases = checked((short)lists.Count);
                lists.Add([]);
                words[last] = info;
            }
            lists[info.Phrases].Add(new LexiconPhrase(phraseWords[..^1], valence, roles));
        }
    }
}
