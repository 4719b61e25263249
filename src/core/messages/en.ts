/**
 * English texts the server writes itself: the pages for link states and errors, the join
 * page's fallback lines, invite mails and the join hint inside every invite. Every other
 * language has exactly these keys. `{name}` placeholders are filled by `message()`.
 */
export const en = {
  link_incomplete_heading: 'This link has a typo or is incomplete',
  link_incomplete_message:
    'This link has a typo or is incomplete, perhaps cut by an email program.',
  link_incomplete_hint:
    'Open the invitation again and copy the whole link, or ask the organizer to send it again.',
  link_not_found_heading: 'Call not found',
  link_not_found_message: 'There is no call at this address.',
  link_not_found_hint: 'Check the link with the person who invited you.',
  link_revoked_heading: 'This link was deleted',
  link_revoked_message: 'This link was deleted by its owner, so the call can no longer be joined.',
  link_revoked_hint: 'Ask the organizer for a new link.',
  disabled_heading: 'Calls are disabled',
  disabled_message: 'Calls are disabled by your organization, so this call cannot be joined now.',
  disabled_hint: 'Ask the organizer or your administrator.',
  join_unavailable_title: 'Join page unavailable',
  join_unavailable_heading: 'The join page is not available',
  join_unavailable_message:
    'This server was started without its web pages, so calls cannot be joined yet.',
  organizer_unavailable_title: 'Organizer page unavailable',
  organizer_unavailable_heading: 'The organizer page is not available',
  organizer_unavailable_message: 'This server was started without its web pages.',
  build_hint: 'If you run this server: build them with "npm run build:web" and restart.',
  not_found_title: 'Not found',
  not_found_heading: 'Page not found',
  not_found_message: 'There is nothing at this address.',
  call: 'Call',
  checking: 'Checking that this browser can take the call…',
  media_down:
    'Calls are unavailable right now: the media server cannot be reached. Please try again in a few minutes.',
  noscript: 'JavaScript is needed to join this call. Use {browsers}.',
  stale: 'If this message stays, this browser is too old for calls: use {browsers}.',
  mail_prefix_invite: 'Invitation',
  mail_prefix_update: 'Updated',
  mail_prefix_cancel: 'Cancelled',
  mail_subject: '{prefix}: {title} @ {when}',
  mail_invites: '{organizer} invites you to a call.',
  mail_cancelled: '{organizer} cancelled this meeting.',
  mail_cancelled_one: '{organizer} cancelled one occurrence of this meeting.',
  join_the_call: 'Join the call',
  join_hint: 'Open the link in any browser (Chrome, Edge, Firefox or Safari); nothing to install.',
  reminder: 'Reminder: {title}',
  mail_going: 'Going?',
  mail_yes: 'Yes',
  mail_maybe: 'Maybe',
  mail_no: 'No',
  mail_all_day: 'all day',
};

export type ServerMessages = typeof en;
