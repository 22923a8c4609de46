namespace SocialSla.Core.Triage;

internal static partial class Lexicon
{
    // Valences on a −4…4 scale, as sentiment lexicons of English commonly use; written by hand.
    private const string Positive = """
        good:1.3 great:1.9 nice:1.5 cool:1.1 fine:0.6 ok:0.3 okay:0.3 well:0.2 better:1.1 best:2.0 awesome:2.3
        amazing:2.4 excellent:2.5 fantastic:2.5 wonderful:2.5 brilliant:2.3 superb:2.5 outstanding:2.6 stellar:2.3
        exceptional:2.4 incredible:2.0 terrific:2.4 fabulous:2.4 marvelous:2.4 marvellous:2.4 phenomenal:2.5 perfect:2.4
        perfectly:1.8 lovely:2.1 beautiful:2.2 gorgeous:2.2 pretty:0.8 sweet:1.3 neat:1.0 solid:0.8 impressive:2.0
        impressed:2.0 love:2.3 loved:2.3 loves:2.2 loving:2.1 adore:2.3 like:0.6 liked:0.9 likes:0.7 enjoy:1.7
        enjoyed:1.9 enjoying:1.8 enjoyable:1.8 fun:1.7 happy:2.1 happier:1.8 glad:1.9 pleased:1.9 pleasant:1.8
        pleasure:1.8 delighted:2.4 thrilled:2.4 excited:1.9 exciting:1.9 grateful:2.2 thankful:2.2 appreciate:1.9
        appreciated:2.0 appreciative:2.0 thanks:1.6 thank:1.6 thx:1.4 thnx:1.4 thanx:1.4 ty:1.0 tysm:2.0 kudos:2.1 props:1.3
        congrats:2.1 congratulations:2.1 bravo:2.2 yay:2.1 woohoo:2.2 woot:1.9 hooray:2.1 wow:1.0 yes:0.5 yess:1.0
        helpful:1.9 friendly:1.9 kind:1.5 kindness:1.9 polite:1.5 courteous:1.7 professional:1.4 attentive:1.6
        caring:1.7 patient:1.0 responsive:1.6 efficient:1.5 smooth:1.4 seamless:1.7 easy:1.2 easier:1.1 quick:0.9
        quickly:0.8 fast:0.9 prompt:1.1 promptly:1.1 comfortable:1.5 comfy:1.5 clean:0.9 spacious:1.2 reliable:1.5
        recommend:1.6 recommended:1.5 favorite:1.9 favourite:1.9 fav:1.6 fave:1.6 win:1.3 winning:1.5 winner:1.6
        hero:1.9 heroes:1.9 legend:1.6 rock:0.4 rocks:1.6 rockstar:2.0 star:1.0 stars:0.8 awesomeness:2.3 saved:1.3
        save:0.6 resolved:1.3 solved:1.3 fixed:1.0 sorted:1.0 worth:1.0 worthwhile:1.4 safe:1.0 safely:1.1 relieved:1.4
        relief:1.3 blessed:1.9 lucky:1.6 glorious:2.3 classy:1.7 generous:1.9 free:0.5 upgrade:1.0 upgraded:1.5
        welcome:1.0 welcomed:1.2 cheers:1.4 hugs:1.6 smile:1.5 smiles:1.5 smiling:1.6 laugh:1.2 lol:0.8 haha:1.1
        hahaha:1.3 lmao:1.0 xd:1.3 yum:1.5 yummy:1.8 delicious:2.1 tasty:1.6 luxury:1.4 luxurious:1.7 cozy:1.5
        flawless:2.3 painless:1.5 wonderfully:2.2 nicely:1.4 greatly:1.3 gladly:1.3 super:1.2
        impeccable:2.4 topnotch:2.1 positive:1.2 success:1.7 successful:1.7 thanksgiving:0.0
        """;

    private const string Negative = """
        bad:-1.9 worse:-2.1 worst:-2.9 poor:-1.6 poorly:-1.7 terrible:-2.6 horrible:-2.6 awful:-2.5 dreadful:-2.5
        horrendous:-2.8 atrocious:-2.8 abysmal:-2.7 appalling:-2.7 appalled:-2.5 lousy:-2.0 crappy:-2.2 crap:-2.0
        shitty:-2.4 shit:-2.2 sucks:-2.1 suck:-1.9 sucked:-2.0 sucky:-2.0 mediocre:-1.1 meh:-0.8 hate:-2.7 hated:-2.7
        hates:-2.6 hating:-2.5 dislike:-1.6 angry:-2.3 anger:-2.2 mad:-1.8 furious:-2.8 livid:-2.7 outraged:-2.7
        outrageous:-2.4 annoyed:-1.9 annoying:-1.9 irritated:-1.8 irritating:-1.8 upset:-1.9 frustrated:-2.1
        frustrating:-2.1 frustration:-2.0 disappointed:-2.3 disappointing:-2.3 disappointment:-2.3 disgusted:-2.6
        disgusting:-2.6 disgrace:-2.5 disgraceful:-2.6 shameful:-2.4 shame:-1.7 embarrassing:-2.0 embarrassed:-1.8
        sad:-1.9 sadly:-1.4 unhappy:-2.0 miserable:-2.3 depressing:-2.0 unfortunately:-1.0 unfortunate:-1.3
        ridiculous:-2.2 absurd:-1.9 pathetic:-2.5 unacceptable:-2.6 inexcusable:-2.6 unprofessional:-2.3
        incompetent:-2.5 incompetence:-2.5 useless:-2.3 worthless:-2.4 pointless:-1.7 hopeless:-2.0 clueless:-1.9
        stupid:-2.1 dumb:-1.9 idiot:-2.3 idiots:-2.3 idiotic:-2.3 moron:-2.4 morons:-2.4 rude:-2.2 rudely:-2.2 nasty:-2.2
        mean:-0.3 cruel:-2.4 liar:-2.4 liars:-2.4 lie:-1.7 lies:-2.0 lied:-2.1 lying:-2.1 scam:-2.6 scammed:-2.6
        fraud:-2.6 fraudulent:-2.7 rip:-0.5 ripoff:-2.3 cheated:-2.4 misleading:-1.9 dishonest:-2.3 shady:-2.0
        nightmare:-2.6 disaster:-2.6 disastrous:-2.7 mess:-1.9 messed:-1.9 chaos:-2.0 chaotic:-1.9 hell:-2.0 fiasco:-2.5
        fail:-2.0 fails:-2.0 failed:-1.8 failing:-1.8 failure:-2.1 epicfail:-2.6 wrong:-1.4 broken:-1.6 broke:-1.3
        damaged:-1.7 damage:-1.5 ruined:-2.3 ruin:-2.1 ruins:-2.1 wasted:-2.0 waste:-1.9 wasting:-1.9 sick:-1.3 tired:-1.1
        exhausted:-1.4 sucker:-1.5 screwed:-2.2 bs:-1.9 bullshit:-2.6 wtf:-2.2 ugh:-1.6 ughh:-1.8 argh:-1.7 grr:-1.6
        smh:-1.6 fml:-2.1 damn:-1.3 dammit:-1.9 damnit:-1.9 fuck:-2.6 fucking:-1.6 fucked:-2.6 pissed:-2.4 sigh:-1.0
        worried:-1.3 worry:-1.0 worrying:-1.4 concerned:-0.9 concern:-0.7 scared:-1.6 afraid:-1.3 fear:-1.5 anxious:-1.4
        nervous:-1.0 unsafe:-2.1 dangerous:-2.1 danger:-1.9 hurt:-1.7 injured:-2.1 pain:-1.6 painful:-1.9
        uncomfortable:-1.6 cramped:-1.5 dirty:-1.6 filthy:-2.2 smelly:-1.7 stinks:-1.9 gross:-2.0 cold:-0.5 hungry:-0.6
        thirsty:-0.5 slow:-1.1 slowest:-1.8 sloppy:-1.8 careless:-1.9 negligent:-2.3 neglected:-1.8 ignored:-1.9
        ignoring:-1.9 ignore:-1.3 ignores:-1.6 abandoned:-2.0 dumped:-1.7 stranded:-2.0 trapped:-1.9 stuck:-1.4 lost:-1.3
        losing:-1.4 lose:-1.1 loses:-1.2 missing:-1.1 missed:-1.1 impossible:-1.4 difficult:-0.9 hard:-0.4 confusing:-1.1
        confused:-1.0 complicated:-0.9 inconvenient:-1.4 inconvenience:-1.4 inconvenienced:-1.5 hassle:-1.4
        expensive:-0.9 overpriced:-1.7 pricey:-0.8 unreliable:-1.9 sorry:-0.4 apologize:-0.2 regret:-1.6 regrets:-1.5
        problem:-0.9 problems:-1.1 issue:-0.6 issues:-0.8 trouble:-1.2 troubles:-1.2 error:-1.0 errors:-1.1 glitch:-1.1
        bug:-0.8 bugs:-0.9 crash:-1.3 crashed:-1.4 crashes:-1.4 crashing:-1.4 negative:-1.2 warning:-0.5 unhelpful:-2.0
        unfriendly:-1.8 disrespectful:-2.3 disrespect:-2.2 insulting:-2.3 insult:-2.1 excuse:-1.0 excuses:-1.3
        joke:-1.1 laughable:-1.9 sarcasm:0.0 yikes:-1.5 eww:-1.8 ew:-1.6 boo:-1.5 bored:-1.1 boring:-1.3
        tragic:-2.3 horrid:-2.5 shocking:-1.8 shocked:-1.5 unbelievable:-1.2 wtaf:-2.4 lame:-1.7 blah:-0.9 denied:-1.5
        refused:-1.4 refuse:-1.3 rejected:-1.4 declined:-1.0 unable:-0.9 fault:-1.2 blame:-1.4 blamed:-1.5 suffer:-1.8
        suffering:-2.0 ridiculously:-1.5 terribly:-1.8 horribly:-1.9 badly:-1.8 awfully:-1.3 never:-0.4
        nobody:-0.9 noone:-0.9 nothing:-0.3 neveragain:-2.6 fuming:-2.6 steaming:-1.0 disgust:-2.4 nope:-0.6
        """;

    // Customer-care language: what a customer writes when a service let them down, even without a feeling word.
    private const string Care = """
        delayed:-1.3 delay:-1.1 delays:-1.2 delaying:-1.2 cancelled:-1.4 canceled:-1.4 cancellation:-1.1
        cancellations:-1.2 cancelling:-1.2 canceling:-1.2 overbooked:-1.7 oversold:-1.6 bumped:-1.1 diverted:-0.8
        rebooked:-0.5 rebook:-0.3 waiting:-0.7 waited:-0.9 wait:-0.5 waits:-0.6 hold:-0.5 queue:-0.4 hours:-0.4 hrs:-0.5
        hour:-0.2 forever:-0.7 again:-0.3 still:-0.3 yet:-0.1 late:-1.0 later:-0.1 refund:-0.7 refunds:-0.7
        compensation:-0.5 complaint:-1.1 complaints:-1.2 complain:-1.1 complaining:-1.1 complained:-1.1
        charged:-0.8 overcharged:-1.9 fee:-0.6 fees:-0.7 charges:-0.6 dispute:-1.1 unresolved:-1.5 escalate:-0.9
        outage:-1.5 outages:-1.5 offline:-0.8 unreachable:-1.5 disconnected:-1.3 dropped:-1.0 hung:-0.9 hangs:-0.8
        misplaced:-1.4 mishandled:-1.8 stolen:-1.9 theft:-1.9 incorrect:-1.2 mistake:-1.3 mistakes:-1.4 misinformed:-1.7
        why:-0.6 seriously:-0.8 really:0.0 supposedly:-0.8 apparently:-0.3 clearly:-0.2 literally:0.0
        nonexistent:-1.8 rescheduled:-0.6 worstairline:-2.9 worstcustomerservice:-2.9 badservice:-2.4
        customerservicefail:-2.6 unanswered:-1.6 unreturned:-1.5
        """;

    private const string Negators = """
        not no never nor neither none nothing nobody noone nowhere without hardly barely cannot cant can't dont don't
        doesnt doesn't didnt didn't isnt isn't wasnt wasn't arent aren't werent weren't wont won't wouldnt wouldn't
        couldnt couldn't shouldnt shouldn't havent haven't hasnt hasn't hadnt hadn't aint ain't lack lacking lacks
        """;

    private const string Intensifiers = """
        very:0.3 so:0.3 really:0.3 extremely:0.5 incredibly:0.5 super:0.35 totally:0.3 absolutely:0.4 completely:0.35
        utterly:0.45 truly:0.3 highly:0.3 most:0.2 such:0.3 too:0.2 hugely:0.4 seriously:0.3 insanely:0.45 fucking:0.5
        freaking:0.4 damn:0.3 bloody:0.35 beyond:0.35 especially:0.2 particularly:0.2 exceptionally:0.4 remarkably:0.3
        thoroughly:0.3 deeply:0.35 terribly:0.35 awfully:0.3 ridiculously:0.4 majorly:0.35 massively:0.4 quite:0.1
        real:0.2 sooo:0.4 soo:0.35 much:0.2 more:0.1 ever:0.2 entire:0.2 whole:0.2 every:0.1 always:0.2 all:0.05
        """;

    private const string Diminishers = """
        slightly:-0.4 somewhat:-0.3 kinda:-0.3 kindof:-0.3 sorta:-0.3 barely:-0.4 marginally:-0.4 fairly:-0.2
        little:-0.3 bit:-0.3 partly:-0.3 occasionally:-0.3 almost:-0.2 mostly:-0.1 relatively:-0.2
        """;

    private const string Contrasts = "but however though although yet nevertheless nonetheless except";

    private const string QuestionWords = """
        how what when where why who which whom whose can could would will is are do does did should shall may might
        anyone any has have was were am
        """;

    private const string RequestWords = """
        please pls plz plse help assist assistance need needs needed dm pm message contact call email reply respond
        fix sort resolve advise update reschedule refund refunds rebook replace cancel change check confirm explain
        """;

    private const string OutageWords = """
        outage outages down offline error errors crash crashed crashes crashing broken bug bugs glitch glitching freeze
        frozen freezing unavailable unreachable timeout timeouts 404 500 502 503 disconnected
        """;

    private const string ThanksWords = "thanks thank thx thnx thanx ty tysm cheers appreciate appreciated grateful thankful kudos";

    private const string ComplaintWords = """
        refund refunds complaint complaints complain compensation overcharged charged lost missing delayed cancelled
        canceled stranded stuck damaged broken stolen unresolved rude worst unacceptable
        """;

    private const string SarcasmWords = "sarcasm sarcastic /s";
}
