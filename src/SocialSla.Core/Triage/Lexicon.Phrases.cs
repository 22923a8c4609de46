namespace SocialSla.Core.Triage;

internal static partial class Lexicon
{
    // word word … : extra valence : roles. Matched at the last word; the valence adds to the words' own and is not
    // negated. Customer-care phrases, sarcasm markers, requests and outage reports.
    private const string Phrases = """
        still waiting : -1.6 : Complaint
        still not : -0.8 : Complaint
        still no : -1.0 : Complaint
        still haven't : -1.0 : Complaint
        still havent : -1.0 : Complaint
        still don't : -0.8 : Complaint
        still dont : -0.8 : Complaint
        been waiting : -1.2 : Complaint
        keep waiting : -1.0 : Complaint
        on hold : -1.4 : Complaint
        hold time : -0.9 : Complaint
        hold times : -0.9 : Complaint
        hung up : -1.6 : Complaint
        hang up : -1.0 : Complaint
        no response : -1.8 : Complaint
        no reply : -1.8 : Complaint
        no answer : -1.6 : Complaint
        no one : -1.0
        no help : -1.6 : Complaint
        no info : -1.2 : Complaint
        no information : -1.2 : Complaint
        no updates : -1.2 : Complaint
        no update : -1.2 : Complaint
        no way : -0.6
        not even : -0.7
        never again : -2.2
        never received : -1.4 : Complaint
        never got : -1.2 : Complaint
        never arrived : -1.6 : Complaint
        never showed : -1.5 : Complaint
        cancelled my flight : -0.6 : Complaint
        canceled my flight : -0.6 : Complaint
        flight cancelled : -0.6 : Complaint
        flight canceled : -0.6 : Complaint
        lost my : -0.6 : Complaint
        lost luggage : -0.8 : Complaint
        lost bag : -0.8 : Complaint
        missed my : -0.7 : Complaint
        missed connection : -0.8 : Complaint
        waste of time : -1.0 : Complaint
        waste of money : -1.0 : Complaint
        what a joke : -1.2
        customer disservice : -2.4 : Complaint
        rip off : -2.0 : Complaint
        sort it out : -0.5 : Request
        not working : -1.2 : Outage
        isn't working : -1.2 : Outage
        isnt working : -1.2 : Outage
        stopped working : -1.3 : Outage
        doesn't work : -1.2 : Outage
        doesnt work : -1.2 : Outage
        don't work : -1.2 : Outage
        dont work : -1.2 : Outage
        won't load : -1.2 : Outage
        wont load : -1.2 : Outage
        not loading : -1.2 : Outage
        can't log : -1.2 : Outage
        cant log : -1.2 : Outage
        can't login : -1.2 : Outage
        cant login : -1.2 : Outage
        cannot login : -1.2 : Outage
        can't access : -1.1 : Outage
        cant access : -1.1 : Outage
        is down : -1.2 : Outage
        are down : -1.2 : Outage
        went down : -1.2 : Outage
        down again : -1.4 : Outage
        site down : -1.2 : Outage
        app down : -1.2 : Outage
        keeps crashing : -1.2 : Outage
        thank you : 0.2 : Thanks
        thank you so much : 0.8 : Thanks
        thanks so much : 0.8 : Thanks
        thanks a million : 0.8 : Thanks
        thanks again : 0.4 : Thanks
        much appreciated : 0.6 : Thanks
        well done : 1.6
        great job : 0.6
        good job : 1.0
        nice job : 1.0
        great service : 0.8
        good service : 0.8
        on time : 1.0
        no problem : 0.8
        no worries : 0.6
        no complaints : 1.4
        can't wait : 2.0
        cant wait : 2.0
        can't complain : 1.4
        look forward : 1.2
        looking forward : 1.4
        made my day : 2.0
        above and beyond : 2.0
        thanks for nothing : -3.0 : Sarcasm
        thanks a lot : 0.0
        yeah right : -1.6 : Sarcasm
        oh great : -1.8 : Sarcasm
        oh good : -1.4 : Sarcasm
        just great : -1.6 : Sarcasm
        just perfect : -1.6 : Sarcasm
        so much for : -1.6 : Sarcasm
        love how : -1.2 : Sarcasm
        love when : -1.0 : Sarcasm
        love it when : -1.2 : Sarcasm
        just what i needed : -1.8 : Sarcasm
        nice try : -1.2 : Sarcasm
        good luck with that : -1.6 : Sarcasm
        can you : 0 : Request
        could you : 0 : Request
        would you : 0 : Request
        let me know : 0 : Request
        get back to me : -0.3 : Request
        reach out : 0 : Request
        how do i : 0 : Request
        how can i : 0 : Request
        i need : 0 : Request
        i want : 0 : Request
        want to : 0 : Request
        trying to : -0.2 : Request
        """;
}
