/** Spanish server texts (keys as in en.ts). */
import type { ServerMessages } from './en.js';

export const es: ServerMessages = {
  link_incomplete_heading: 'Este enlace tiene una errata o está incompleto',
  link_incomplete_message:
    'Este enlace tiene una errata o está incompleto, quizá cortado por un programa de correo.',
  link_incomplete_hint:
    'Vuelva a abrir la invitación y copie el enlace completo, o pida al organizador que se lo envíe de nuevo.',
  link_not_found_heading: 'Llamada no encontrada',
  link_not_found_message: 'No hay ninguna llamada en esta dirección.',
  link_not_found_hint: 'Compruebe el enlace con la persona que le invitó.',
  link_revoked_heading: 'Este enlace fue eliminado',
  link_revoked_message:
    'Su propietario eliminó este enlace, así que ya no es posible unirse a la llamada.',
  link_revoked_hint: 'Pida un enlace nuevo al organizador.',
  disabled_heading: 'Las llamadas están desactivadas',
  disabled_message:
    'Su organización ha desactivado las llamadas, así que ahora no es posible unirse a esta.',
  disabled_hint: 'Pregunte al organizador o a su administrador.',
  join_unavailable_title: 'Página de acceso no disponible',
  join_unavailable_heading: 'La página de acceso no está disponible',
  join_unavailable_message:
    'Este servidor se inició sin sus páginas web, así que aún no es posible unirse a las llamadas.',
  organizer_unavailable_title: 'Página de organización no disponible',
  organizer_unavailable_heading: 'La página de organización no está disponible',
  organizer_unavailable_message: 'Este servidor se inició sin sus páginas web.',
  build_hint: 'Si administra este servidor: genérelas con «npm run build:web» y reinicie.',
  not_found_title: 'No encontrado',
  not_found_heading: 'Página no encontrada',
  not_found_message: 'No hay nada en esta dirección.',
  call: 'Llamada',
  checking: 'Comprobando que este navegador puede unirse a la llamada…',
  media_down:
    'Las llamadas no están disponibles ahora: no se puede contactar con el servidor de medios. Inténtelo de nuevo en unos minutos.',
  noscript: 'Se necesita JavaScript para unirse a esta llamada. Use {browsers}.',
  stale:
    'Si este mensaje no desaparece, este navegador es demasiado antiguo para llamadas: use {browsers}.',
  mail_prefix_invite: 'Invitación',
  mail_prefix_update: 'Actualizada',
  mail_prefix_cancel: 'Cancelada',
  mail_subject: '{prefix}: {title} @ {when}',
  mail_invites: '{organizer} le invita a una llamada.',
  mail_cancelled: '{organizer} canceló esta reunión.',
  mail_cancelled_one: '{organizer} canceló una fecha de esta reunión.',
  join_the_call: 'Unirse a la llamada',
  join_hint:
    'Abra el enlace en cualquier navegador (Chrome, Edge, Firefox o Safari); no hay que instalar nada.',
  reminder: 'Recordatorio: {title}',
  mail_going: '¿Asistirá?',
  mail_yes: 'Sí',
  mail_maybe: 'Quizás',
  mail_no: 'No',
  mail_all_day: 'todo el día',
};
