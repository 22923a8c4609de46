using System.Collections.Frozen;

namespace SocialSla.Core.Triage;

internal static partial class Lexicon
{
    /// <summary>Emoji valences by code point (variation selectors and skin tones are skipped by the scanner).</summary>
    public static readonly FrozenDictionary<int, float> Emoji = new Dictionary<int, float>
    {
        [0x1F600] = 1.8f, [0x1F601] = 1.8f, [0x1F603] = 1.9f, [0x1F604] = 1.9f, [0x1F606] = 1.6f, [0x1F60A] = 2.0f,
        [0x1F60D] = 2.5f, [0x1F618] = 2.2f, [0x1F970] = 2.5f, [0x1F929] = 2.3f, [0x1F642] = 1.0f, [0x1F60E] = 1.4f,
        [0x1F917] = 1.8f, [0x1F973] = 2.2f, [0x2764] = 2.3f, [0x1F495] = 2.2f, [0x1F496] = 2.2f, [0x1F499] = 2.0f,
        [0x1F49A] = 2.0f, [0x1F49C] = 2.0f, [0x1F9E1] = 2.0f, [0x1F49B] = 2.0f, [0x1F44D] = 1.6f, [0x1F44F] = 1.8f,
        [0x1F64C] = 1.8f, [0x1F64F] = 1.0f, [0x1F389] = 2.0f, [0x1F38A] = 1.8f, [0x2728] = 1.2f, [0x1F31F] = 1.5f,
        [0x2B50] = 1.3f, [0x1F4AF] = 1.5f, [0x1F525] = 1.0f, [0x1F44C] = 1.4f, [0x263A] = 1.8f, [0x1F60C] = 1.2f,
        [0x1F607] = 1.5f, [0x1F61D] = 0.8f, [0x1F61C] = 0.8f, [0x1F609] = 1.2f, [0x1F602] = 0.2f, [0x1F923] = 0.3f,
        [0x2705] = 0.8f, [0x1F4AA] = 1.2f,
        [0x1F620] = -2.4f, [0x1F621] = -2.6f, [0x1F92C] = -2.8f, [0x1F624] = -2.0f, [0x1F44E] = -1.8f, [0x1F494] = -2.2f,
        [0x1F622] = -1.9f, [0x1F62D] = -2.1f, [0x1F61E] = -1.9f, [0x1F61F] = -1.6f, [0x1F614] = -1.6f, [0x1F615] = -1.2f,
        [0x1F641] = -1.4f, [0x2639] = -1.6f, [0x1F616] = -1.8f, [0x1F623] = -1.8f, [0x1F629] = -2.0f, [0x1F62B] = -2.0f,
        [0x1F612] = -1.6f, [0x1F644] = -1.7f, [0x1F611] = -1.0f, [0x1F610] = -0.5f, [0x1F926] = -1.8f, [0x1F937] = -0.6f,
        [0x1F4A9] = -2.0f, [0x1F92E] = -2.3f, [0x1F922] = -2.0f, [0x1F631] = -1.6f, [0x1F628] = -1.6f, [0x1F630] = -1.6f,
        [0x1F625] = -1.5f, [0x1F613] = -1.2f, [0x1F62A] = -0.8f, [0x1F634] = -0.8f, [0x1F971] = -1.0f, [0x1F480] = -0.6f,
        [0x1F595] = -2.6f, [0x274C] = -1.2f, [0x1F6AB] = -1.2f, [0x1F52A] = -1.5f, [0x1F92F] = -1.0f, [0x1F633] = -0.6f,
    }.ToFrozenDictionary();

    /// <summary>Emoticons with their valences, longest first so that <c>:-)</c> wins over <c>:-</c>.</summary>
    public static readonly (string Text, float Valence)[] Emoticons =
    [
        (":'-(", -2.1f), (":'(", -2.1f), (":-))", 2.2f), (":-)", 1.8f), (":-(", -1.9f), (":-D", 2.2f), (":-P", 1.0f),
        (":-p", 1.0f), (":-/", -1.2f), (":-|", -0.6f), (";-)", 1.4f), ("</3", -2.2f), ("<3", 2.3f), ("^_^", 1.9f),
        ("^^", 1.5f), ("-_-", -1.4f), (">:(", -2.5f), (":))", 2.1f), (":((", -2.2f), (":)", 1.8f), (":(", -1.9f),
        (":D", 2.2f), (":P", 1.0f), (":p", 1.0f), (":/", -1.2f), (":|", -0.6f), (";)", 1.4f), ("=)", 1.7f),
        ("=(", -1.8f), (":@", -2.2f), (":S", -1.2f), (":o", -0.5f), (":O", -0.5f),
    ];
}
