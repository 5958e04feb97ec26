//! The demo council's organisation and services catalogue.

use crate::cases::CaseType;
use crate::org::Role;

pub struct TeamSpec {
    pub code: &'static str,
    pub name: &'static str,
}

pub const TEAMS: &[TeamSpec] = &[
    TeamSpec { code: "waste", name: "Waste and Recycling" },
    TeamSpec { code: "revenues", name: "Council Tax and Business Rates" },
    TeamSpec { code: "benefits", name: "Benefits" },
    TeamSpec { code: "housing", name: "Housing" },
    TeamSpec { code: "highways", name: "Highways and Street Lighting" },
    TeamSpec { code: "parking", name: "Parking" },
    TeamSpec { code: "envhealth", name: "Environmental Health" },
    TeamSpec { code: "planning", name: "Planning and Building Control" },
    TeamSpec { code: "libraries", name: "Libraries and Leisure" },
    TeamSpec { code: "customer", name: "Customer Services" },
    TeamSpec { code: "info", name: "Information Governance" },
];

pub const PARTNER: (&str, &str) = ("repairs", "Kingsmead Homes Repairs Ltd");

pub struct ServiceSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub group: &'static str,
    pub description: &'static str,
    pub keywords: &'static str,
    pub case_type: CaseType,
    pub team: &'static str,
    pub partner: bool,
    pub asks_location: bool,
    /// How often residents use it, relative to the others.
    pub weight: u32,
    /// A typical first message, for synthetic history.
    pub example: &'static str,
}

macro_rules! service {
    ($code:literal, $name:literal, $group:literal, $team:literal, $ty:ident, loc = $loc:literal, partner = $partner:literal, w = $w:literal, $desc:literal, $kw:literal, $ex:literal) => {
        ServiceSpec {
            code: $code,
            name: $name,
            group: $group,
            description: $desc,
            keywords: $kw,
            case_type: CaseType::$ty,
            team: $team,
            partner: $partner,
            asks_location: $loc,
            weight: $w,
            example: $ex,
        }
    };
}

/// The services whose requests anyone may read through Open311 without a key: problems in
/// the street, not at a home or about a person.
pub const PUBLIC_REQUESTS: &[&str] = &[
    "fly-tipping",
    "pothole",
    "streetlight",
    "pavement",
    "street-cleaning",
    "graffiti",
    "trees",
    "abandoned-vehicle",
    "dog-fouling",
    "parks",
];

pub const SERVICES: &[ServiceSpec] = &[
    service!(
        "missed-bin",
        "Report a missed bin collection",
        "Bins, waste and recycling",
        "waste",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 90,
        "Tell us if your bin was not emptied on your collection day.",
        "bin rubbish refuse recycling missed collection",
        "Our bin was not collected this week."
    ),
    service!(
        "new-bin",
        "Order a new or replacement bin",
        "Bins, waste and recycling",
        "waste",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 35,
        "Ask for a new bin if yours is damaged, stolen or you have moved in.",
        "bin replacement damaged stolen new",
        "Our recycling bin is cracked and needs replacing."
    ),
    service!(
        "bulky-waste",
        "Book a bulky waste collection",
        "Bins, waste and recycling",
        "waste",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 20,
        "Ask us to collect large items such as furniture and fridges.",
        "bulky sofa fridge furniture collection",
        "Please collect an old sofa and a mattress."
    ),
    service!(
        "garden-waste",
        "Garden waste subscription",
        "Bins, waste and recycling",
        "waste",
        Enquiry,
        loc = false,
        partner = false,
        w = 12,
        "Questions about your garden waste subscription and collections.",
        "garden green waste subscription",
        "When does my garden waste subscription renew?"
    ),
    service!(
        "fly-tipping",
        "Report fly-tipping",
        "Bins, waste and recycling",
        "waste",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 30,
        "Tell us about rubbish dumped on the street or in a public place.",
        "fly tipping dumped rubbish",
        "Someone has dumped bags of rubbish by the garages."
    ),
    service!(
        "ctax-move",
        "Tell us you are moving home (council tax)",
        "Council tax",
        "revenues",
        Enquiry,
        loc = false,
        partner = false,
        w = 30,
        "Tell us when you move in or out so your council tax bill is right.",
        "council tax moving home change of address",
        "I am moving out at the end of the month."
    ),
    service!(
        "ctax-discount",
        "Apply for a council tax discount",
        "Council tax",
        "revenues",
        Enquiry,
        loc = false,
        partner = false,
        w = 20,
        "Ask for a single person discount or another reduction.",
        "council tax discount single person reduction",
        "I now live alone and would like the single person discount."
    ),
    service!(
        "ctax-bill",
        "Ask about your council tax bill",
        "Council tax",
        "revenues",
        Enquiry,
        loc = false,
        partner = false,
        w = 35,
        "Questions about your bill, instalments or a payment.",
        "council tax bill payment instalments",
        "My bill looks higher than last year. Can you explain it?"
    ),
    service!(
        "business-rates",
        "Ask about business rates",
        "Council tax",
        "revenues",
        Enquiry,
        loc = false,
        partner = false,
        w = 6,
        "Questions about business rates bills and relief.",
        "business rates relief nndr",
        "Can my shop get small business rate relief?"
    ),
    service!(
        "housing-benefit",
        "Ask about housing benefit",
        "Benefits and support",
        "benefits",
        Enquiry,
        loc = false,
        partner = false,
        w = 18,
        "Questions about a housing benefit claim or payment.",
        "housing benefit claim payment",
        "I have not received my housing benefit payment this month."
    ),
    service!(
        "ctax-support",
        "Apply for council tax support",
        "Benefits and support",
        "benefits",
        Enquiry,
        loc = false,
        partner = false,
        w = 12,
        "Ask for help paying council tax if you are on a low income.",
        "council tax support reduction low income",
        "I have lost my job and need help paying council tax."
    ),
    service!(
        "hardship",
        "Ask for hardship support",
        "Benefits and support",
        "benefits",
        Enquiry,
        loc = false,
        partner = false,
        w = 6,
        "Help with food, energy or essential costs in an emergency.",
        "hardship crisis support food energy",
        "I cannot afford to pay for gas this week."
    ),
    service!(
        "housing-repair",
        "Report a repair in your council home",
        "Housing",
        "housing",
        ServiceRequest,
        loc = true,
        partner = true,
        w = 45,
        "Report a repair for a council-owned home. Our repairs contractor will arrange it.",
        "repair council home leak boiler damp",
        "The boiler has stopped working and there is no hot water."
    ),
    service!(
        "damp-mould",
        "Report damp or mould in your council home",
        "Housing",
        "housing",
        ServiceRequest,
        loc = true,
        partner = true,
        w = 14,
        "Tell us about damp or mould so we can inspect it.",
        "damp mould condensation",
        "There is black mould spreading on the bedroom wall."
    ),
    service!(
        "ctax-advice",
        "Book a council tax advice appointment",
        "Council tax",
        "revenues",
        Enquiry,
        loc = false,
        partner = false,
        w = 3,
        "Talk to an adviser face to face about your bill, arrears or a payment plan.",
        "council tax advice appointment arrears payment plan meet",
        "I would like to talk to someone about paying my arrears."
    ),
    service!(
        "housing-options",
        "Book a housing options appointment",
        "Housing",
        "housing",
        Enquiry,
        loc = false,
        partner = false,
        w = 3,
        "Meet a housing options adviser about finding a home or staying in yours.",
        "housing options appointment advice rehousing meet",
        "We need to move because our flat is too small."
    ),
    service!(
        "register-birth",
        "Book an appointment to register a birth",
        "Births, deaths and marriages",
        "customer",
        Enquiry,
        loc = false,
        partner = false,
        w = 2,
        "Register a birth with the registrar at the town hall, within 42 days.",
        "register birth registrar baby certificate appointment",
        "I need to register my daughter's birth."
    ),
    service!(
        "homeless",
        "Get help if you are homeless or at risk",
        "Housing",
        "housing",
        Enquiry,
        loc = false,
        partner = false,
        w = 8,
        "Contact us if you have nowhere to stay or may lose your home.",
        "homeless eviction emergency housing",
        "I have been given notice to leave my flat."
    ),
    service!(
        "housing-register",
        "Ask about the housing register",
        "Housing",
        "housing",
        Enquiry,
        loc = false,
        partner = false,
        w = 10,
        "Questions about joining or moving on the housing register.",
        "housing register waiting list band",
        "What band am I in on the housing register?"
    ),
    service!(
        "asb",
        "Report anti-social behaviour",
        "Housing",
        "housing",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 9,
        "Tell us about anti-social behaviour near your home.",
        "anti-social behaviour asb neighbours",
        "There is loud music from the flat above every night."
    ),
    service!(
        "pothole",
        "Report a pothole",
        "Roads, streets and lighting",
        "highways",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 40,
        "Tell us about a pothole or damaged road surface.",
        "pothole road damage",
        "There is a deep pothole outside the school gates."
    ),
    service!(
        "streetlight",
        "Report a faulty street light",
        "Roads, streets and lighting",
        "highways",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 18,
        "Tell us about a street light that is out, flickering or damaged.",
        "street light lamp dark",
        "The street light outside number 40 has been out for a week."
    ),
    service!(
        "pavement",
        "Report a damaged pavement",
        "Roads, streets and lighting",
        "highways",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 12,
        "Tell us about broken or uneven paving.",
        "pavement footpath trip hazard",
        "A broken paving slab is a trip hazard by the bus stop."
    ),
    service!(
        "street-cleaning",
        "Report a dirty street or litter",
        "Roads, streets and lighting",
        "highways",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 15,
        "Tell us about litter, broken glass or a street that needs cleaning.",
        "litter street cleaning glass",
        "There is broken glass all over the pavement."
    ),
    service!(
        "graffiti",
        "Report graffiti",
        "Roads, streets and lighting",
        "highways",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 7,
        "Tell us about graffiti on public property.",
        "graffiti vandalism",
        "There is offensive graffiti on the underpass."
    ),
    service!(
        "trees",
        "Report a problem with a street tree",
        "Roads, streets and lighting",
        "highways",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 6,
        "Tell us about a fallen, dangerous or overgrown street tree.",
        "tree branch fallen overgrown",
        "A large branch has fallen across the footpath."
    ),
    service!(
        "parking-permit",
        "Apply for or change a parking permit",
        "Parking",
        "parking",
        Enquiry,
        loc = false,
        partner = false,
        w = 22,
        "Residents' and visitors' parking permits.",
        "parking permit resident visitor",
        "I need a visitor permit for a carer."
    ),
    service!(
        "pcn-challenge",
        "Challenge a parking fine",
        "Parking",
        "parking",
        Enquiry,
        loc = false,
        partner = false,
        w = 20,
        "Make an informal challenge to a penalty charge notice.",
        "parking fine pcn challenge appeal",
        "I got a ticket while loading, which is allowed here."
    ),
    service!(
        "illegal-parking",
        "Report illegal parking",
        "Parking",
        "parking",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 10,
        "Tell us about a car parked illegally or blocking a driveway.",
        "illegal parking blocked driveway",
        "A van has blocked my driveway since this morning."
    ),
    service!(
        "abandoned-vehicle",
        "Report an abandoned vehicle",
        "Parking",
        "parking",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 5,
        "Tell us about a vehicle that seems to have been left.",
        "abandoned vehicle car untaxed",
        "A car with no tax has not moved for two months."
    ),
    service!(
        "noise",
        "Report a noise nuisance",
        "Environmental health",
        "envhealth",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 14,
        "Tell us about noise from homes, businesses or building work.",
        "noise nuisance music barking",
        "Building work starts at 6am every day next door."
    ),
    service!(
        "food-hygiene",
        "Report a food hygiene problem",
        "Environmental health",
        "envhealth",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 4,
        "Tell us about a food business you think is unsafe or unhygienic.",
        "food hygiene restaurant takeaway",
        "I found a hair in my takeaway and the kitchen looked dirty."
    ),
    service!(
        "pests",
        "Book pest control",
        "Environmental health",
        "envhealth",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 9,
        "Ask us to deal with rats, mice, wasps or bedbugs.",
        "pest control rats mice wasps",
        "We have rats in the garden."
    ),
    service!(
        "dog-fouling",
        "Report dog fouling",
        "Environmental health",
        "envhealth",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 5,
        "Tell us where dog fouling is a problem.",
        "dog fouling mess",
        "Dog mess all along the path by the park."
    ),
    service!(
        "planning-enquiry",
        "Ask about a planning application",
        "Planning and building",
        "planning",
        Enquiry,
        loc = false,
        partner = false,
        w = 10,
        "Questions about an application you made or one near you.",
        "planning application objection",
        "When will a decision be made on my extension?"
    ),
    service!(
        "planning-breach",
        "Report a possible planning breach",
        "Planning and building",
        "planning",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 4,
        "Tell us about building work that may not have permission.",
        "planning enforcement breach",
        "A neighbour is building a two-storey extension without permission."
    ),
    service!(
        "dangerous-structure",
        "Report a dangerous building or wall",
        "Planning and building",
        "planning",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 2,
        "Tell us about a structure that could collapse.",
        "dangerous structure wall collapse",
        "A garden wall is leaning over the pavement."
    ),
    service!(
        "library",
        "Ask about libraries",
        "Libraries and leisure",
        "libraries",
        Enquiry,
        loc = false,
        partner = false,
        w = 6,
        "Library membership, opening hours, events and books.",
        "library books membership",
        "Can I renew my books over the phone?"
    ),
    service!(
        "parks",
        "Report a problem in a park",
        "Libraries and leisure",
        "libraries",
        ServiceRequest,
        loc = true,
        partner = false,
        w = 6,
        "Tell us about damaged play equipment, benches or paths in a park.",
        "park playground bench",
        "The swing in the playground is broken."
    ),
    service!(
        "councillor-enquiry",
        "Enquiry from a councillor",
        "Contact the council",
        "customer",
        CouncillorEnquiry,
        loc = false,
        partner = false,
        w = 3,
        "For councillors asking on a resident's behalf. Councillors use their own page in the staff workspace.",
        "councillor member enquiry ward",
        "A resident in my ward has asked me to chase the repair to the street light outside their house."
    ),
    service!(
        "general",
        "Ask us something else",
        "Contact the council",
        "customer",
        Enquiry,
        loc = false,
        partner = false,
        w = 25,
        "For anything not listed. An adviser will read it and pass it to the right team.",
        "other general question enquiry",
        "I do not know which department deals with this."
    ),
    service!(
        "complaint",
        "Make a complaint",
        "Contact the council",
        "customer",
        Complaint,
        loc = false,
        partner = false,
        w = 12,
        "Tell us if we got something wrong. We will investigate and reply.",
        "complaint unhappy poor service",
        "My missed bin has been reported three times and nothing has happened."
    ),
    service!(
        "compliment",
        "Pay a compliment",
        "Contact the council",
        "customer",
        Compliment,
        loc = false,
        partner = false,
        w = 3,
        "Tell us when someone did a good job.",
        "compliment thanks praise",
        "The crew who collected my sofa were very helpful."
    ),
    service!(
        "callback",
        "Ask us to call you back",
        "Contact the council",
        "customer",
        Callback,
        loc = false,
        partner = false,
        w = 10,
        "Ask an adviser to phone you at a time that suits you.",
        "call back phone adviser",
        "Please call me back about my council tax after 3pm."
    ),
    service!(
        "foi",
        "Make a Freedom of Information request",
        "Your information",
        "info",
        Foi,
        loc = false,
        partner = false,
        w = 4,
        "Ask for information the council holds.",
        "freedom of information foi request",
        "Please send me the number of potholes repaired last year by ward."
    ),
    service!(
        "eir",
        "Ask for environmental information",
        "Your information",
        "info",
        Eir,
        loc = false,
        partner = false,
        w = 1,
        "Ask for information about the environment, such as air quality or land.",
        "environmental information eir",
        "Please send me air quality readings for Station Road for 2025."
    ),
    service!(
        "sar",
        "Ask for your personal information",
        "Your information",
        "info",
        SubjectAccess,
        loc = false,
        partner = false,
        w = 2,
        "Make a subject access request for the information we hold about you.",
        "subject access request personal data gdpr",
        "Please send me all the information you hold about me."
    ),
    service!(
        "erasure",
        "Ask us to delete your personal information",
        "Your information",
        "info",
        Erasure,
        loc = false,
        partner = false,
        w = 1,
        "Ask us to delete the personal information we hold about you (the right to erasure).",
        "delete erase forget remove my data gdpr",
        "Please delete everything you hold about me from my old bin reports."
    ),
    service!(
        "rectification",
        "Ask us to correct your personal information",
        "Your information",
        "info",
        Rectification,
        loc = false,
        partner = false,
        w = 1,
        "Tell us that information we hold about you is wrong, and ask us to correct it.",
        "correct wrong rectify my data gdpr",
        "You have my date of birth wrong on my council tax account."
    ),
    service!(
        "restriction",
        "Ask us to stop using your personal information",
        "Your information",
        "info",
        Restriction,
        loc = false,
        partner = false,
        w = 1,
        "Ask us to stop using your information while something is checked (the right to restrict processing).",
        "restrict stop using my data gdpr",
        "Please stop using my details while you check my complaint about them."
    ),
];

pub struct StaffSpec {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub team: Option<&'static str>,
    pub partner: bool,
}

/// The demo's councillors: (email, name, ward code).
pub const COUNCILLORS: &[(&str, &str, &str)] = &[
    ("cllr.okafor@kingsmead.example", "Cllr Grace Okafor", "E05099914"),
    ("cllr.hughes@kingsmead.example", "Cllr Owen Hughes", "E05099912"),
    ("cllr.bennett@kingsmead.example", "Cllr Ruth Bennett", "E05099902"),
];

pub const STAFF: &[StaffSpec] = &[
    StaffSpec { email: "admin@kingsmead.example", name: "Alex Morgan", role: Role::Admin, team: None, partner: false },
    StaffSpec {
        email: "adviser@kingsmead.example",
        name: "Priya Shah",
        role: Role::Adviser,
        team: Some("customer"),
        partner: false,
    },
    StaffSpec {
        email: "waste.officer@kingsmead.example",
        name: "Tom Wright",
        role: Role::Caseworker,
        team: Some("waste"),
        partner: false,
    },
    StaffSpec {
        email: "waste.lead@kingsmead.example",
        name: "Grace Okafor",
        role: Role::TeamLead,
        team: Some("waste"),
        partner: false,
    },
    StaffSpec {
        email: "housing.officer@kingsmead.example",
        name: "Daniel Price",
        role: Role::Caseworker,
        team: Some("housing"),
        partner: false,
    },
    StaffSpec {
        email: "housing.lead@kingsmead.example",
        name: "Fatima Begum",
        role: Role::TeamLead,
        team: Some("housing"),
        partner: false,
    },
    StaffSpec {
        email: "highways.officer@kingsmead.example",
        name: "Liam Byrne",
        role: Role::Caseworker,
        team: Some("highways"),
        partner: false,
    },
    StaffSpec {
        email: "complaints.lead@kingsmead.example",
        name: "Helen Carter",
        role: Role::TeamLead,
        team: Some("customer"),
        partner: false,
    },
    StaffSpec {
        email: "foi.officer@kingsmead.example",
        name: "Owen Davies",
        role: Role::Caseworker,
        team: Some("info"),
        partner: false,
    },
    StaffSpec {
        email: "repairs@kingsmead-homes.example",
        name: "Sam Patel",
        role: Role::Partner,
        team: None,
        partner: true,
    },
    StaffSpec {
        email: "insight@kingsmead.example",
        name: "Maya Chen",
        role: Role::Insight,
        team: None,
        partner: false,
    },
    StaffSpec {
        email: "auditor@kingsmead.example",
        name: "Robert Hughes",
        role: Role::Auditor,
        team: None,
        partner: false,
    },
];

/// A demo ward: its name, its (made-up) ONS code, the postcode district and sector its
/// postcodes use, where it is, its population, and how readily its residents contact the
/// council (a weight: the demo's history draws places by population times this, so some
/// communities are heard from less, as the insight report should show).
pub struct DemoWard {
    pub name: &'static str,
    pub code: &'static str,
    pub district: &'static str,
    pub sector: u8,
    pub lat: f64,
    pub lng: f64,
    pub population: i64,
    pub reach: f64,
}

const fn ward(
    name: &'static str,
    code: &'static str,
    district: &'static str,
    sector: u8,
    at: (f64, f64),
    population: i64,
    reach: f64,
) -> DemoWard {
    DemoWard { name, code, district, sector, lat: at.0, lng: at.1, population, reach }
}

/// The demo council's local authority code (`oslaua` in the postcode directory).
pub const AREA: &str = "E07000999";

pub const WARDS: &[DemoWard] = &[
    ward("Abbey", "E05099901", "KM1", 1, (51.5801, -0.3342), 8_120, 1.0),
    ward("Kingsmead Central", "E05099902", "KM1", 2, (51.5815, -0.3280), 9_640, 1.3),
    ward("Brookfield", "E05099903", "KM2", 1, (51.5893, -0.3210), 7_310, 1.0),
    ward("Brookfield East", "E05099904", "KM2", 2, (51.5901, -0.3150), 6_880, 0.9),
    ward("Castle", "E05099905", "KM3", 1, (51.5722, -0.3488), 10_250, 1.1),
    ward("Deanswood", "E05099906", "KM4", 1, (51.5967, -0.3401), 7_940, 1.0),
    ward("Deanswood Park", "E05099907", "KM4", 2, (51.5990, -0.3460), 6_420, 0.8),
    ward("Elmstead", "E05099908", "KM5", 1, (51.5654, -0.3177), 8_760, 1.0),
    ward("Fairholme", "E05099909", "KM6", 1, (51.6012, -0.3069), 9_030, 1.1),
    ward("Greenhill", "E05099910", "KM7", 1, (51.5839, -0.3553), 7_520, 1.0),
    ward("Greenhill West", "E05099911", "KM7", 2, (51.5845, -0.3620), 5_980, 0.9),
    ward("Harbour", "E05099912", "KM8", 1, (51.5701, -0.3011), 11_400, 0.45),
    ward("Longmoor", "E05099913", "KM9", 1, (51.5921, -0.3627), 8_210, 1.0),
    ward("Marsh End", "E05099914", "KM10", 1, (51.5598, -0.3322), 9_870, 0.35),
    ward("Northgate", "E05099915", "KM11", 1, (51.6055, -0.3250), 7_660, 1.0),
    ward("Northgate Fields", "E05099916", "KM11", 2, (51.6080, -0.3300), 6_150, 1.0),
    ward("Priory", "E05099917", "KM3", 2, (51.5700, -0.3420), 7_090, 1.2),
    ward("Riverside", "E05099918", "KM8", 2, (51.5680, -0.2980), 8_330, 0.6),
    ward("St Anne's", "E05099919", "KM5", 2, (51.5630, -0.3120), 6_710, 1.0),
    ward("Westfield", "E05099920", "KM9", 2, (51.5900, -0.3700), 9_180, 1.0),
];

/// The letters a demo postcode's unit takes ("KM1 1AB").
pub const UNIT_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

/// The demo's postcode directory, in the ONS Postcode Directory's CSV shape: every
/// postcode the demo gives out, each in its ward, with a few terminated postcodes and a
/// neighbouring council's, as a real extract has. Loaded through the same reader as
/// `frontdoor wards import`.
pub fn postcode_directory() -> String {
    let mut out = String::from("pcd,pcds,dointr,doterm,oslaua,osward,lsoa21\n");
    for (i, w) in WARDS.iter().enumerate() {
        for a in UNIT_LETTERS {
            for b in UNIT_LETTERS {
                let pcds = format!("{} {}{}{}", w.district, w.sector, *a as char, *b as char);
                let pcd = pcds.replace(' ', "");
                out.push_str(&format!("{pcd},{pcds},199801,,{AREA},{},E0109{:04}\n", w.code, 9000 + i));
            }
        }
        let gone = format!("{} {}ZZ", w.district, w.sector + 5);
        out.push_str(&format!("{},{gone},199801,202104,{AREA},{},\n", gone.replace(' ', ""), w.code));
    }
    out.push_str("XY14AA,XY1 4AA,199801,,E07000111,E05011111,E01011111\n");
    out
}

/// The demo wards' names and populations, as a CSV like the ONS's ward names file.
pub fn ward_names() -> String {
    let mut out = String::from("WD24CD,WD24NM,population\n");
    for w in WARDS {
        out.push_str(&format!("{},{},{}\n", w.code, w.name, w.population));
    }
    out
}

pub const STREETS: &[&str] = &[
    "High Street",
    "Station Road",
    "Church Lane",
    "Mill Road",
    "Park Avenue",
    "Victoria Road",
    "Queens Walk",
    "The Crescent",
    "Oak Drive",
    "Meadow Close",
    "Kings Road",
    "Elm Grove",
    "Willow Way",
    "Manor Road",
    "School Lane",
    "Green Lane",
    "Orchard Rise",
    "Bridge Street",
];

pub const FIRST_NAMES: &[&str] = &[
    "Olivia", "Amelia", "Isla", "Ava", "Mohammed", "Noah", "Oliver", "George", "Leo", "Muhammad", "Aisha", "Zara",
    "Fatima", "Priya", "Arjun", "Kwame", "Chloe", "Emily", "Jack", "Harry", "Sophie", "Grace", "Daniel", "Samuel",
    "Ayesha", "Yusuf", "Ewa", "Piotr", "Maria", "Joseph",
];

pub const LAST_NAMES: &[&str] = &[
    "Smith", "Jones", "Patel", "Khan", "Williams", "Brown", "Taylor", "Davies", "Ahmed", "Singh", "Wilson", "Evans",
    "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Hussain", "Begum", "Green", "Nowak", "Kowalski", "Okafor",
    "Mensah", "O'Brien", "Murphy", "Clarke", "Hall", "Lewis", "Young",
];
