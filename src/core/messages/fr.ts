/** French server texts (keys as in en.ts). */
import type { ServerMessages } from './en.js';

export const fr: ServerMessages = {
  link_incomplete_heading: 'Ce lien contient une faute de frappe ou est incomplet',
  link_incomplete_message:
    'Ce lien contient une faute de frappe ou est incomplet, peut-être coupé par un logiciel de messagerie.',
  link_incomplete_hint:
    'Rouvrez l’invitation et copiez le lien en entier, ou demandez à l’organisateur de vous le renvoyer.',
  link_not_found_heading: 'Appel introuvable',
  link_not_found_message: 'Il n’y a pas d’appel à cette adresse.',
  link_not_found_hint: 'Vérifiez le lien avec la personne qui vous a invité.',
  link_revoked_heading: 'Ce lien a été supprimé',
  link_revoked_message:
    'Ce lien a été supprimé par son propriétaire : il n’est plus possible de rejoindre l’appel.',
  link_revoked_hint: 'Demandez un nouveau lien à l’organisateur.',
  disabled_heading: 'Les appels sont désactivés',
  disabled_message:
    'Votre organisation a désactivé les appels : il n’est pas possible de rejoindre cet appel maintenant.',
  disabled_hint: 'Demandez à l’organisateur ou à votre administrateur.',
  join_unavailable_title: 'Page d’accès indisponible',
  join_unavailable_heading: 'La page d’accès n’est pas disponible',
  join_unavailable_message:
    'Ce serveur a été démarré sans ses pages web : il n’est pas encore possible de rejoindre les appels.',
  organizer_unavailable_title: 'Page d’organisation indisponible',
  organizer_unavailable_heading: 'La page d’organisation n’est pas disponible',
  organizer_unavailable_message: 'Ce serveur a été démarré sans ses pages web.',
  build_hint:
    'Si vous gérez ce serveur : construisez-les avec « npm run build:web » puis redémarrez.',
  not_found_title: 'Introuvable',
  not_found_heading: 'Page introuvable',
  not_found_message: 'Il n’y a rien à cette adresse.',
  call: 'Appel',
  checking: 'Vérification que ce navigateur peut prendre l’appel…',
  media_down:
    'Les appels sont indisponibles pour le moment : le serveur média est injoignable. Réessayez dans quelques minutes.',
  noscript: 'JavaScript est nécessaire pour rejoindre cet appel. Utilisez {browsers}.',
  stale:
    'Si ce message reste affiché, ce navigateur est trop ancien pour les appels : utilisez {browsers}.',
  mail_prefix_invite: 'Invitation',
  mail_prefix_update: 'Modifiée',
  mail_prefix_cancel: 'Annulée',
  mail_subject: '{prefix} : {title} @ {when}',
  mail_invites: '{organizer} vous invite à un appel.',
  mail_cancelled: '{organizer} a annulé cette réunion.',
  mail_cancelled_one: '{organizer} a annulé une date de cette réunion.',
  join_the_call: 'Rejoindre l’appel',
  join_hint:
    'Ouvrez le lien dans n’importe quel navigateur (Chrome, Edge, Firefox ou Safari) ; rien à installer.',
  reminder: 'Rappel : {title}',
  mail_going: 'Vous participez ?',
  mail_yes: 'Oui',
  mail_maybe: 'Peut-être',
  mail_no: 'Non',
  mail_all_day: 'toute la journée',
};
