/// The event types of the ledger (the `type` member of a line). See docs/data-format.md.
public enum EventType: String, Sendable, CaseIterable, Hashable {
    /// A new case: `{"kind":"mediation","fields":{…}}`.
    case opened = "case.opened"
    /// Changed fields: `{"fields":{"village":"东村","phone":""}}` (empty = cleared).
    case updated = "case.updated"
    /// A note: `{"text":"…"}`.
    case noted = "case.noted"
    /// An outcome: `{"outcome":"resolved","closed_on":"2024-03-09","fields":{"agreement":"written"}}`,
    /// plus `"linked_case"` when a consultation opened a mediation.
    case closed = "case.closed"
    /// A mediation follow-up: `{"date":"2024-04-01","performed":"yes","note":"…"}`.
    case followedUp = "case.followed_up"
    /// A petition extension: `{"days":30,"reason":"…","extended_on":"2024-05-01"}`.
    case extended = "case.extended"
    /// A closed case opened again: `{"reason":"…"}`.
    case reopened = "case.reopened"
    /// A case entered in error: `{"reason":"…"}`.
    case voided = "case.voided"
    /// A voided case restored: `{"reason":"…"}`.
    case restored = "case.restored"
    /// A ledger setting: `{"key":"town","value":"东棘坨镇"}` (no case).
    case setting = "settings.set"
    /// A document issued from a case (a form written to paper or a file):
    /// `{"form":"agreement","year":2024,"number":7,"format":"docx"}`. See ``DocumentForm``.
    case documentIssued = "document.issued"
    /// A round of dispute screening (no case):
    /// `{"date":"2024-03-05","unit":"office","villages":"东河村、前营村","found":0,"note":"…"}`.
    case screening = "screening.recorded"
}
