"""The evaluative cues polarity reads: what reads as a strength, and what as a weakness.

Cues are words and phrases ("effective", "timely", "too slow"), and figures read by their
direction ("caseloads have reduced", "attendance is low"). Negators and the rest of the reading
are in ``polarity``.
"""

from __future__ import annotations

from timeline.reading.cues import cue_pattern

__all__ = ["NEGATIVE", "POSITIVE"]


# Figures a rise in which is a weakness, and those a rise in which is a strength; what a figure
# does, a few words after it ("caseloads have reduced", "attendance is high").
_HIGH_IS_BAD = (
    r"(?:staff turnover|turnover|caseloads?|workloads?|vacanc(?:y|ies)|re-?referrals?|absence"
    r"|absenteeism|sickness|repeat (?:\w+ )?(?:plans|referrals)"
    r"|(?:second|subsequent) (?:or|and) subsequent time)(?: rates?| levels?)?"
)
_HIGH_IS_GOOD = (
    r"(?:morale|attendance|attainment|achievement|take-up|stability|retention|participation"
    r"|performance)"
    r"(?: rates?| levels?)?"
)
# A few words, but no conjunction and no other direction: "morale is high and turnover is low".
_AFTER = r" (?:(?!(?:and|or|but|high|higher|low|lower|gaps?)\b)\w+ ){0,6}?"
_UP = r"(?:high|higher|increas(?:ed|ing)|ris(?:en|ing))"
_DOWN = r"(?:low|lower|reduced|reducing|decreas(?:ed|ing)|fallen|falling|dropped|declin(?:ed|ing))"
# Room to improve: "could be further strengthened", "needs to improve".
_SHOULD = (
    r"(?:could|should|would|(?<!the )needs? to|requires?|required) (?:\w+ )?(?:further )?"
    r"(?:strengthen|improv|develop|enhanc)\w*"
)
_DIRECTED = {
    True: f"{_HIGH_IS_BAD}{_AFTER}{_DOWN}; {_HIGH_IS_GOOD}{_AFTER}{_UP}; manageable"
    f"; low {_HIGH_IS_BAD}; high {_HIGH_IS_GOOD}; gaps?{_AFTER}(?:narrow|clos)(?:ed|ing)",
    False: f"{_HIGH_IS_BAD}{_AFTER}{_UP}; {_HIGH_IS_GOOD}{_AFTER}{_DOWN}; unmanageable"
    f"; low {_HIGH_IS_GOOD}; {_SHOULD}; gaps?{_AFTER}(?:wide|widen(?:ed|ing)|grown)",
}

POSITIVE = cue_pattern(
    _DIRECTED[True]
    + r"""
    effective(?:ly)?; timely; prompt(?:ly)?; swift(?:ly)?; quick(?:ly)?; good; rightly
    (?<!as )well(?! as)(?![- ]being)(?! (?:below|above|beyond|over|under|in excess))
    well-(?!being)[\w-]+; strong(?:ly|er)?; strengths?
    strengthened; thorough(?:ly)?; appropriate(?:ly)?; clear(?:ly|er)?; comprehensive(?:ly)?
    robust(?:ly)?; rigorous(?:ly)?; rigour; sound; positive(?:ly)?; helpful(?:ly)?
    success(?:ful|fully)?; (?<!be )improved; work(?:s|ed)? hard; areas? of (?:progress|strength)
    (?<!in )(?<!on )(?<!at )(?<!of )(?<!to )(?<!for )(?<!by )improving
    improvements? (?:has|have|had) been (?:made|achieved|secured|seen)
    (?:secur|achiev)(?:e|ed|ing) (?:\w+ )?improvements?
    (?:clear|significant|considerable|sustained|notable|some) improvements?
    (?:good|solid|sustained|significant|considerable|steady|suitable|positive|some) progress
    progress (?:has|have|had) been made; (?:made|make|making|makes) (?:\w+ )?progress
    benefit(?:s|ed|ing)? (?:from|when); careful(?:ly)?; diligent(?:ly)?; dedicated; committed
    commitment; proactive(?:ly)?; purposeful(?:ly)?; persistent; tenacious; creative(?:ly)?
    sensitive(?:ly)?; skilled; knowledgeable; accurate(?:ly)?; proportionate; responsive
    excellent; exceptional(?:ly)?; high[- ]quality; high standard; outstanding; regular(?:ly)?
    routinely; consistent(?:ly)?; sufficient(?:ly)?; suitable; feels? safe; embedded
    (?<!to )(?<!in )(?:meets?|met|meeting) (?:their|the|his|her|children's) (?:\w+ )?needs
    (?:have|has|had) access to; welcom(?:e|ed|ing); valued?; warm(?:ly)?; child[- ]centred
    child[- ]focused; confiden(?:t|ce); enabl(?:e|es|ed|ing); deliver(?:s|ing)? results
    (?:beginning|starting|started|begun|began) to (?:improve|deliver|have|make|show|be seen
        |be felt|support|reduce|embed)
    determin(?:ation|edly); determined to
    (?:greater|better|increased|improved|stronger|closer|sharper|firm) (?:oversight|awareness
        |scrutiny|understanding|rigour|focus|grip|challenge|coordination)
    insightful; reflective; imaginative(?:ly)?; informative; happy; pleased; enjoy(?:s|ed)?
    ambitious; relentless(?:ly)?; steadfast; smooth(?:ly)?; seamless(?:ly)?; visible; tangible
    supportive; prioritised; (?:is|are|were|was) detailed; up to date; decisive(?:ly)?
    (?:huge|significant|notable|considerable) achievement
    impressive(?:ly)?; enhanced; stable; at pace
    (?:has|have|had) been (?:\w+ )?(?:addressed|protected); (?:has|have|had) made sure
    there (?:has|have) been (?:\w+ )?(?:progress|improvements?)
    (?:is|are|was|were|keeps?|kept|stays?|stayed|remains?) in touch
    (?:took|take|takes|taken|taking) (?:\w+ )?(?:immediate|swift|prompt|decisive|urgent) action
    (?:in accordance with|in line with|according to|proportionate to) (?:their|the child's
        |children's|young people's) (?:assessed |individual )?(?:needs|plans)
    seen (?:\w+ ){0,4}?(?:alone|on their own); (?:like|enjoy) working
    (?<!not )(?:the )?right (?:help|support|services?|level|time|decisions?|placements?)
    best(?! interests?)(?! efforts?)
    good-quality; up-to-date; (?:on|in) time; within (?:\w+ )?timescales?
    supported; encouraged; promoted; closely; fully; actively
    accessible; understood; better; valuable; innovative; bespoke; meaningful(?:ly)?
    systematic(?:ally)?; instrumental; influential; enthusias(?:m|tic|tically); noteworthy
    continuity; amazing; satisfied; mature; satisfactor(?:y|ily); efficient(?:ly)?; flexible
    protected; appreciat(?:e|es|ed|ing); intelligently; justifiable; firm foundations
    (?:is|are) helping; helps; helped; (?:at the earliest|at an early) (?:opportunity|stage)
    (?:wishes|views|voices?)(?: and \w+)? (?:are|is|were) (?:\w+ )?(?:sought|heard|captured
        |listened to|taken into account)
    with (?:care|sensitivity); above (?:the |its )?(?:\w+ )?targets?
    (?:slight|marked|steady|continued|good) improvements?; skilful(?:ly)?
    (?:making|make|makes|made) a (?:\w+ )?difference; (?:narrow|clos)(?:e|es|ed|ing)? the gap
    close (?:working|partnerships?|liaison|links?|collaboration); without (?:the )?need (?:for|to)
    escalat(?:e|es|ed|ing) (?:\w+ )?concerns; (?:being|been|was|were|is|are) remedied
    (?:considerable|extensive|in-depth) (?:knowledge|understanding|awareness|expertise)
    (?:leading|led|leads) to (?:more|an increase|increased|improved|better|greater)
    (?:beginning|starting|started|begun|began) to ensure
    focused(?! on); underpinned; thoughtful(?:ly)?; willing(?:ness)?; suitably; award-winning
    embrac(?:e|es|ed|ing); accelerated; (?:is|are) strengthening; (?:has|have|had) secured
    listen(?:s|ed|ing)? (?:carefully |closely )?to; (?:are|is|were) (?:\w+ )?aware of (?:their|the)
    (?:driv|deliver|mak)(?:e|es|ed|ing|en) (?:\w+ )?improvements?
    (?:great )?care (?:is|was) taken; tak(?:e|es|ing) (?:great )?care; (?:try|tries|tried) (?:their
        |its) hardest
    same (?:social worker|worker|personal adviser|iro)
    (?:provid|bring|brought|offer)(?:e|es|ed|ing)? (?:\w+ )?stability
    (?:has|had|have) (?:\w+ )?narrowed
"""
)
NEGATIVE = cue_pattern(
    _DIRECTED[False]
    + r"""
    poor(?:ly)?; weak(?:ness|nesses|er|ly|ened)?; inadequate(?:ly)?; insufficient(?:ly)?
    inconsisten(?:t|tly|cy|cies); variab(?:le|ility); delay(?:s|ed|ing)?; drift
    var(?:y|ies|ied) (?:too much|significantly|considerably|widely)
    too(?! (?:is|are|was|were)\b) \w+; (?:very|relatively|too) few
    improvements? (?:is |are )?(?:still )?(?:needed|required)
    fail(?:s|ed|ures?|ings?); shortfalls?; shortcomings?; deficits?; deficienc(?:y|ies); gaps? in
    (?:were|was|are|is|remain|remains) concerned; (?:remains?|is|are) a concern; concerning
    cause for concern; serious concerns; under-?developed; out of date; superficial; unclear
    ineffective(?:ly)?; unsuitable; unacceptable; inappropriate(?:ly)?; unsafe; vague; limited
    over-?optimis(?:m|tic); overly; prohibitive; cumbersome; unhelpful; confus(?:ing|ed|ion)
    boring; detriment(?:al)?; negative(?:ly)?; adverse(?:ly)?; (?:significant|serious|further) harm
    neglectful; risky; premature(?:ly)?; declin(?:e|ed|ing); deteriorat\w*; slow(?:ly|er)?
    (?:much |still )?more (?:work )?to do; more work (?:is )?(?:needed|required)
    further (?:work|attention|development|action|improvement) (?:is |are )?(?:needed|required)
    needs? to be (?:\w+ed|done); requires? further (?:work|development)
    remains? (?:\w+ )?(?:high|low)
    challenges? (?:remain|around|in relation to|in (?:recruiting|maintaining|retaining
        |improving))
    (?:significant|considerable) challenges; pressures?; long waiting
    (?:frequent|many|multiple|several|numerous|repeated) changes
    (?:high|heavy|increasing|excessive) (?:level of )?(?:staff )?(?:turnover|caseloads?|workloads?)
    wait(?:s|ed)? (?:too )?long; (?:make|makes|made|making) it (?:difficult|hard); unmet; unaware
    unable; uncertain(?:ty)?; worse; wrong; hamper(?:s|ed|ing)?; hinder(?:s|ed|ing)?; compound
    dilut(?:e|es|ed); impersonal
    reduc(?:e|es|ed|ing) (?:their |its )?(?:impact|effectiveness|capacity)
    struggl(?:e|es|ed|ing); inaccura(?:te|cy|cies); incomplete; only (?:very )?recent(?:ly)?
    piecemeal; breakdowns?; instability; complacen(?:t|cy); unsuccessful; patchy; fragmented
    less evident; los(?:e|t|ing) sight
    poorer; poorest; unregistered; cursory; fluctuat(?:e|es|ed|ing); time[- ]consuming
    longer than; (?:is|are|was|were|remains?|remained) mixed
    (?:remains?|remained|is|are|was|were) (?:a |an )?(?:\w+ )?(?:challenge|challenging)
    var(?:y|ies|ied) (?:\w+ )?in (?:their )?(?:quality|effectiveness|timeliness|depth|impact)
    remains? to be (?:done|demonstrated|seen|evidenced|tested|embedded|achieved|realised)
    (?:is|are) still (?:required|needed); still (?:\w+ )?to do
    (?:leaves?|left|remains?|remained|continues? to be) (?:\w+ )?(?:at|exposed to) (?:\w+ ){0,3}risk
    (?:leaves?|left|remains?|remained|continues? to be) (?:\w+ )?(?:at|exposed to) (?:\w+ ){0,3}harm
    affect(?:s|ed|ing)? (?:their|the|his|her|its) (?:ability|capacity)
    (?:experienc|suffer)(?:e|es|ed|ing) (?:\w+ )?harm
    in (?:its|their) infancy; vacant; limit(?:s|ing); harder (?:to|for)
    (?:greater|increased|heightened) risks?; disrupt(?:s|ed)? (?:their|his|her|children's)
    below (?:the |its )?(?:\w+ )?targets?; needs? to do more
    (?:there is|there remains|remains) (?:a |an )?(?:\w+ )?need (?:to|for)
    (?:is|are|remains?) (?:an? )?(?:\w+ )?areas? (?:for|of|requiring) (?:further )?(?:improvement
        |development)
    (?:be|been|is|are|was|were) lost; churn; how difficult; reliance on agency
    (?:heavily |overly |over-?)reliant; unwilling(?:ness)?; waiting lists?; preclud(?:e|es|ed|ing)
    disruptions?(?! (?:panel|meetings?|methods)); below (?:the )?(?:required |expected )?standard
    (?:high|large|significant) (?:number|numbers|proportion|use) of agency
    only (?:\d[\d,.]*%?|a (?:few|small (?:number|proportion)|minority)|one|two|three|half|some)
    difficult (?:to|for); (?:more|very|particularly|increasingly) difficult; gaps?(?! analysis)
"""
)
