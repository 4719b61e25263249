/** French strings of the join page (same keys as en.ts; the type checker keeps them in step). */
import type { JoinStrings } from './en.js';

export const fr: JoinStrings = {
  checking: 'Vérification que ce navigateur peut prendre l’appel…',
  ready: 'Tout est prêt. Saisissez votre nom et rejoignez l’appel.',
  limited: 'Vous pouvez rejoindre, mais certaines fonctions ne marchent pas dans ce navigateur :',
  limit_screen_share:
    'le partage d’écran (impossible sur téléphone et tablette, ou dans ce navigateur)',
  limit_speaker_select: 'le choix du haut-parleur (la sortie par défaut du système est utilisée)',
  limit_untested: 'ce navigateur n’est pas testé ; en cas de problème, utilisez {browsers}',
  unsupported: 'Ce navigateur ne peut pas prendre l’appel.',
  problem_old_version:
    '{browser} {version} est trop ancien : la version {min} ou plus récente est nécessaire.',
  problem_no_webrtc: 'Ce navigateur ne peut pas faire d’appels vidéo (il n’a pas WebRTC).',
  problem_no_media_devices: 'Ce navigateur ne peut pas utiliser de caméra ni de micro.',
  problem_no_websocket:
    'Ce navigateur ne peut pas garder de connexion active avec l’appel (pas de WebSocket).',
  problem_no_e2ee:
    'Cet appel est chiffré de bout en bout, et ce navigateur ne sait pas chiffrer les appels.',
  problem_not_allowed: 'Votre organisation n’autorise que ces navigateurs : {browsers}.',
  use_instead: 'Ouvrez ce lien dans {browsers}.',
  update_chrome:
    'Pour mettre Chrome à jour : menu ⋮ → Aide → À propos de Google Chrome, puis relancez.',
  update_edge:
    'Pour mettre Edge à jour : menu … → Paramètres → À propos de Microsoft Edge, puis redémarrez.',
  update_firefox:
    'Pour mettre Firefox à jour : menu ☰ → Aide → À propos de Firefox, puis redémarrez.',
  update_safari:
    'Safari se met à jour avec macOS : Réglages Système → Général → Mise à jour de logiciels.',
  update_ios:
    'Sur iPhone et iPad, tous les navigateurs se mettent à jour avec iOS : Réglages → Général → Mise à jour logicielle.',
  update_samsung: 'Pour mettre Samsung Internet à jour : Galaxy Store → Menu → Mises à jour.',
  insecure:
    'Cette page a été ouverte par une connexion non chiffrée (http://) : aucun navigateur ne la laissera utiliser votre caméra ou votre micro.',
  insecure_hint:
    'Ouvrez le lien qui commence par https://, ou demandez à l’organisateur de mettre en place HTTPS.',
  links_disabled: 'Les appels sont désactivés par l’organisation.',
  links_disabled_hint:
    'Demandez à l’administrateur de votre organisation si vous pensez que c’est une erreur.',
  e2ee_cut:
    'Ce lien est incomplet : la clé de chiffrement à sa fin manque, peut-être coupée par un logiciel de messagerie.',
  e2ee_cut_hint:
    'Rouvrez l’invitation et copiez le lien en entier, y compris tout ce qui suit le #.',
  name_label: 'Votre nom',
  join: 'Rejoindre l’appel',
  join_listen: 'Rejoindre en écoute seule',
  camera: 'Caméra',
  microphone: 'Micro',
  speaker: 'Haut-parleur',
  mic_level: 'Niveau du micro',
  camera_off: 'Pas de caméra',
  perm_denied: 'Cette page n’a pas le droit d’utiliser votre caméra et votre micro.',
  perm_help_chrome:
    'Cliquez sur l’icône de caméra à droite de la barre d’adresse, choisissez « Toujours autoriser », puis rechargez la page.',
  perm_help_edge:
    'Cliquez sur le cadenas à gauche de la barre d’adresse, mettez Caméra et Micro sur Autoriser, puis rechargez la page.',
  perm_help_firefox:
    'Cliquez sur l’icône de caméra barrée à gauche de la barre d’adresse, levez les blocages, puis rechargez la page.',
  perm_help_safari:
    'Menu Safari → Réglages pour ce site web → Caméra et Micro : Autoriser, puis rechargez la page.',
  perm_help_ios:
    'Touchez « aA » dans la barre d’adresse → Réglages du site web → Caméra et Micro : Autoriser, puis rechargez.',
  perm_help_samsung:
    'Touchez le cadenas dans la barre d’adresse → Autorisations → autorisez Caméra et Micro, puis rechargez.',
  perm_help_other:
    'Autorisez la caméra et le micro dans les réglages du site de votre navigateur, puis rechargez la page.',
  no_devices:
    'Aucune caméra ni aucun micro trouvé. Vous pouvez quand même rejoindre pour voir et écouter.',
  listen_only_note:
    'Vous rejoindrez en écoute seule : les autres ne vous verront ni ne vous entendront.',
  net_checking: 'Vérification de votre réseau…',
  net_udp: 'Réseau : bon.',
  net_tcp: 'Réseau : les appels passent, mais seulement par TCP, la qualité peut être moindre.',
  net_blocked: 'Votre réseau bloque les appels : cette page n’a pas pu joindre le serveur d’appel.',
  net_blocked_hint:
    'Essayez un autre réseau (par exemple le partage de connexion de votre téléphone), désactivez un VPN ou un proxy, ou demandez à votre service informatique d’autoriser {host}.',
  net_unknown: 'Le réseau n’a pas pu être vérifié ; vous pouvez quand même essayer de rejoindre.',
  try_again: 'Réessayer',
  join_anyway: 'Essayer de rejoindre quand même',
  waiting: 'En attente que l’hôte vous fasse entrer…',
  connecting: 'Connexion à l’appel…',
  joined: 'Vous êtes dans l’appel.',
  full: 'Cet appel est complet.',
  full_hint: 'Réessayez plus tard, ou demandez à l’organisateur d’accepter plus de personnes.',
  denied: 'L’hôte ne vous a pas fait entrer.',
  revoked:
    'Ce lien a été supprimé par son propriétaire : il n’est plus possible de rejoindre l’appel.',
  revoked_hint: 'Demandez un nouveau lien à l’organisateur.',
  ended: 'L’appel est terminé.',
  removed: 'L’hôte vous a retiré de l’appel.',
  error: 'Une erreur s’est produite en rejoignant l’appel.',
  unavailable: 'Les appels sont indisponibles pour le moment. Réessayez dans quelques minutes.',
  rate_limited: 'Trop de tentatives. Attendez une minute, puis réessayez.',
  lobby_expired:
    'Votre attente en salle d’attente a expiré. Rejoignez à nouveau pour frapper encore.',
  reconnecting: 'Connexion perdue. Reconnexion…',
  mute: 'Couper le micro',
  unmute: 'Activer le micro',
  camera_stop: 'Arrêter la caméra',
  camera_start: 'Démarrer la caméra',
  share_start: 'Partager l’écran',
  share_stop: 'Arrêter le partage',
  leave: 'Quitter',
  controls: 'Commandes de l’appel',
  participants: 'Participants',
  you: '(vous)',
  host_panel: 'Hôte',
  lobby_waiting: 'En attente d’entrer',
  lobby_empty: 'Personne n’attend.',
  admit: 'Faire entrer',
  deny: 'Refuser',
  remove: 'Retirer',
  end_call: 'Terminer l’appel pour tous',
  encrypted: 'Chiffré de bout en bout',
  rejoin: 'Rejoindre à nouveau',
  service_unavailable: 'Le service d’appel est indisponible pour le moment.',
  service_unavailable_hint:
    'Ce n’est pas un problème de votre réseau : le serveur d’appel est arrêté ou redémarre. Réessayez dans une minute.',
  peer_lost: '{name} a perdu sa connexion.',
  scheduled: 'Cette réunion commence à {start} ({in}) ; l’appel ouvre à {opens}.',
  scheduled_hint: 'Cette page vous fait entrer d’elle-même à l’ouverture de l’appel.',
  scheduled_none: 'Cette réunion n’a pas de date à venir : son appel est fermé.',
  waiting_host: 'L’hôte n’est pas encore arrivé. Vous entrerez dès son arrivée.',
  invited_as: 'Invité en tant que {name}',
  expected_missing: 'Attendus, pas encore là : {names}',
  expected_all: 'Toutes les personnes attendues sont là.',
};
