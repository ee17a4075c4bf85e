/// What demo tickets say: one scenario per kind of problem (an area and a type from the default
/// taxonomy, a subject and the customer's first message), and pools of replies, follow-ups and
/// internal notes to continue the thread in a way that fits the ticket's status.
struct DemoScenario: Sendable {
    let area: String
    let type: String
    let subject: DemoTemplate
    let opening: DemoTemplate
    /// Urgent-leaning scenarios (outages, money taken twice) get high priorities more often.
    let severe: Bool

    init(_ area: String, _ type: String, _ subject: String, _ opening: String, severe: Bool = false) {
        self.area = area
        self.type = type
        self.subject = DemoTemplate(subject)
        self.opening = DemoTemplate(opening)
        self.severe = severe
    }
}

enum DemoScripts {
    static let scenarios: [DemoScenario] = [
        // billing
        .init("billing", "bug", "Charged twice for the {day} renewal",
              "Hi, our card was charged twice for this month's renewal (invoice {invoice}). Can you refund the duplicate? Our finance team is asking. Thanks, {customer}", severe: true),
        .init("billing", "question", "How do I add a VAT number to our invoices?",
              "Hello, we're {org} and our accountant needs our VAT number printed on every invoice, including past ones if possible. Where do I set that? {customer}"),
        .init("billing", "usability", "Can't find where to download past invoices",
              "I've clicked through every settings page and can't find a list of old invoices. I need the last {n} months for an audit. Am I missing something?"),
        .init("billing", "feature-request", "Annual billing for the Team plan?",
              "We'd like to switch {org} to yearly billing to simplify our budgeting. Is that possible on the Team plan, and is there a discount? {customer}"),
        .init("billing", "bug", "Seat count on invoice {invoice} is wrong",
              "Our invoice {invoice} bills {n} seats but we removed several people weeks ago. The admin page shows the lower number. Please correct it."),
        // onboarding
        .init("onboarding", "question", "Best way to import our existing customers?",
              "We're just getting started at {org}. We have a spreadsheet with a few thousand customers. What's the recommended way to bring them in without creating duplicates?"),
        .init("onboarding", "usability", "Invitation emails going to spam",
              "I invited {n} teammates yesterday and most of them found the invite in their spam folder. Is there a domain we should allow-list? {customer}"),
        .init("onboarding", "bug", "Setup wizard loops back to step 2",
              "Every time I finish step 3 of the setup wizard it sends me back to step 2. Tried two browsers. We're blocked on rolling this out to the team."),
        .init("onboarding", "question", "Can we get a walkthrough for our team on {day}?",
              "Hi! We signed up last week and would love a short walkthrough for {n} people on our support team. Is {day} afternoon possible? {customer} from {org}"),
        // integrations
        .init("integrations", "bug", "{app} sync stopped after token refresh",
              "Our {app} integration stopped syncing on {day}. The connection page says 'connected' but nothing new has arrived since. We rely on this for our daily handoff.", severe: true),
        .init("integrations", "question", "Does the {app} integration support custom fields?",
              "We map a few custom fields in {app}. Will those come across with the integration, or only the standard ones? {customer}"),
        .init("integrations", "feature-request", "Webhook when a ticket is solved",
              "We'd like to notify our internal tools when a ticket is solved. A webhook on status change would be perfect. Any plans for that?"),
        .init("integrations", "outage", "API returning 502 for all requests",
              "Since about an hour ago every call to your API returns 502 Bad Gateway. Our {app} automation is completely down. Please advise ASAP.", severe: true),
        // reporting
        .init("reporting", "bug", "Weekly report totals don't match the dashboard",
              "The weekly report emailed on {day} says {n} tickets solved, but the dashboard shows a different number for the same week. Which one is right?"),
        .init("reporting", "feature-request", "Export reports to CSV",
              "Could we export the reports to CSV? Our operations team at {org} builds their own charts and copying from the screen is painful."),
        .init("reporting", "usability", "Date range picker resets every time",
              "Whenever I change the date range on the reports page and open a ticket, coming back resets it to the last 7 days. Small thing but it happens {n} times a day."),
        .init("reporting", "question", "What counts as 'first response time'?",
              "Our manager asked how first response time is calculated. Are internal notes counted, or only replies the customer sees? {customer}"),
        // accounts
        .init("accounts", "question", "Transfer account ownership to a colleague",
              "I'm leaving {org} at the end of the month. How do I transfer ownership of our account to my colleague? {customer}"),
        .init("accounts", "bug", "Locked out after enabling two-factor",
              "I enabled two-factor authentication and now the code is always rejected. I'm locked out of the account and have meetings on {day}. Please help.", severe: true),
        .init("accounts", "usability", "SSO login button is hard to find",
              "Several of our people keep trying to log in with a password instead of SSO because the SSO button is below the fold. Could it be more prominent?"),
        .init("accounts", "feature-request", "Custom roles with read-only access",
              "We want to give our auditors read-only access. Today every role can edit. Would custom roles be possible? {customer}, {org}"),
        // mobile
        .init("mobile", "bug", "iOS app crashes when opening attachments",
              "On version {version} of the iOS app, tapping a PDF attachment closes the app immediately. Happens on my phone and on two colleagues' phones."),
        .init("mobile", "usability", "Text too small on Android tablets",
              "On our Android tablets the ticket text is tiny and doesn't follow the system font size. Our field staff struggle to read it."),
        .init("mobile", "feature-request", "Offline mode for the mobile app",
              "Our technicians often work where there is no signal. Could the app keep the last {n} tickets available offline?"),
        .init("mobile", "bug", "Push notifications arrive hours late",
              "Since updating to {version}, push notifications on Android arrive hours after the ticket comes in. That defeats the purpose for our on-call person."),
        // notifications
        .init("notifications", "bug", "Getting notified for tickets I'm not on",
              "Since {day} I get an email for every ticket in the queue, not just mine. About {n} emails this morning. Did a setting change?"),
        .init("notifications", "usability", "Too many emails from status changes",
              "Each status change sends a separate email. Could they be grouped into a digest? My inbox is drowning. {customer}"),
        .init("notifications", "question", "Can notifications go to a Slack channel?",
              "Is it possible to route new-ticket notifications to a Slack channel instead of email? We use {app} heavily."),
        // performance
        .init("performance", "outage", "Dashboard not loading for the whole team",
              "Nobody at {org} can load the dashboard since this morning: the spinner never stops. This is blocking {n} agents.", severe: true),
        .init("performance", "bug", "Search takes 30+ seconds",
              "Searching for a customer by email takes more than 30 seconds for us, sometimes times out. It used to be instant. We have about {n}k tickets."),
        .init("performance", "usability", "Ticket list is slow to scroll",
              "Scrolling the ticket list stutters badly once we have a few hundred open. Is there a setting to show fewer at once?"),
    ]

    /// The agent's first answer, by ticket type.
    static let replies: [String: [DemoTemplate]] = [
        "bug": t([
            "Hi {customer}, thanks for the detailed report. I've reproduced this on our side and passed it to engineering with your example. I'll update you as soon as I hear back. {agent}",
            "Thanks {customer}, sorry about this. Could you tell me roughly when it last happened and which browser or device you were on? That will help us pin it down. {agent}",
            "Hi {customer}, this looks like a known issue introduced in {version}. A fix is being tested now; I'll let you know when it's rolled out. {agent}",
        ]),
        "usability": t([
            "Hi {customer}, thanks for telling us. You're not the first to trip over this, so I've added your note to the design team's list. In the meantime, switching to the compact view avoids it. {agent}",
            "Good point, {customer}. I've shared this with the product team with a screenshot. Would you be open to a 15-minute call so they can watch how you use it? {agent}",
        ]),
        "question": t([
            "Hi {customer}, good question! Yes, that's possible: go to Settings, then Account, and you'll find it there. I've attached a short guide. Let me know if anything is unclear. {agent}",
            "Hi {customer}, thanks for reaching out. Short answer: yes. Longer answer with the steps is in the article I've linked below. Happy to walk you through it on {day}. {agent}",
            "Hi {customer}, I checked with our team to be sure: it works the way you describe for plans with more than {n} seats. I've enabled it for {org}. {agent}",
        ]),
        "feature-request": t([
            "Hi {customer}, thank you, this is a great suggestion. I've logged it with our product team and linked {org} to it so you hear when it moves. {agent}",
            "Thanks {customer}! Several customers have asked for this. It isn't on this quarter's plan yet, but your request adds weight. I'll keep you posted. {agent}",
        ]),
        "outage": t([
            "Hi {customer}, we're aware and our engineers are working on it right now. Status updates are on our status page; I'll also reply here when it's resolved. {agent}",
            "Hi {customer}, confirmed: we had an incident affecting some customers. It's mitigated now; could you check whether things work for you again? {agent}",
        ]),
    ]

    /// A customer writing again while the ticket is open.
    static let followUps: [DemoTemplate] = t([
        "Any update on this? It's still happening for us.",
        "Thanks for looking into it. Here's one more example from {day}, in case it helps.",
        "I tried what you suggested, but no luck. Anything else we can try?",
        "Just checking in: my manager is asking when this will be fixed.",
        "Following up: this now affects {n} people on our side.",
    ])

    /// Internal notes: visible to colleagues only.
    static let notes: [DemoTemplate] = t([
        "Reproduced on staging. Filed with engineering, linked here.",
        "Customer is on the Enterprise plan, renewal next month. Handle with care.",
        "Checked the logs: errors started around {day} after the {version} deploy.",
        "Asked in #support-escalations, waiting for someone from the platform team.",
        "Same issue as another ticket from {org} last month, see history.",
        "Pinged the account manager for {org}; they want to be kept in the loop.",
    ])

    /// Notes that only make sense on billing tickets.
    static let billingNotes: [DemoTemplate] = t([
        "Refund approved by finance. Processing now.",
        "Checked the invoice history: the duplicate charge is real.",
    ])

    /// The agent's message that solves the ticket.
    static let resolutions: [DemoTemplate] = t([
        "Hi {customer}, good news: the fix is live. Could you confirm it works for you? I'll mark this solved, but just reply if anything is off. {agent}",
        "Hi {customer}, I've made the change on your account and double-checked it. You're all set. {agent}",
        "Hi {customer}, I've sent the steps above and I'm closing this for now; reply any time to reopen it. {agent}",
    ])

    /// Resolutions that only make sense on billing tickets.
    static let billingResolutions: [DemoTemplate] = t([
        "Hi {customer}, the refund has been issued; it can take 3 to 5 business days to appear. Sorry for the trouble. {agent}",
        "Hi {customer}, I've corrected invoice {invoice} and emailed you the new copy. {agent}",
    ])

    static let allBillingNotes = notes + billingNotes
    static let allBillingResolutions = resolutions + billingResolutions

    /// The agent asking the customer for something: the ticket then waits (pending).
    static let questions: [DemoTemplate] = t([
        "Hi {customer}, could you send a screenshot of what you see? I'll hold this ticket until I hear back. {agent}",
        "Hi {customer}, could you try once more and let me know if it still happens? {agent}",
        "Hi {customer}, which email address is the account under? I want to be sure I change the right one. {agent}",
    ])

    /// The customer's last word on a solved ticket.
    static let thanks: [DemoTemplate] = t([
        "That did it, thank you!",
        "Works now. Thanks {agent}, really appreciate the quick help.",
        "Confirmed on our side. Thanks for the follow-up.",
    ])

    private static func t(_ sources: [String]) -> [DemoTemplate] { sources.map(DemoTemplate.init) }
}
