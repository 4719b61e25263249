/** Spanish strings of the join page (same keys as en.ts; the type checker keeps them in step). */
import type { JoinStrings } from './en.js';

export const es: JoinStrings = {
  checking: 'Comprobando que este navegador puede unirse a la llamada…',
  ready: 'Todo listo. Escriba su nombre y únase.',
  limited: 'Puede unirse, pero algunas cosas no funcionarán en este navegador:',
  limit_screen_share:
    'compartir pantalla (no es posible en teléfonos y tabletas, ni en este navegador)',
  limit_speaker_select: 'elegir el altavoz (se usa la salida predeterminada del sistema)',
  limit_untested: 'este navegador no está probado; si algo falla, use {browsers}',
  unsupported: 'Este navegador no puede unirse a la llamada.',
  problem_old_version:
    '{browser} {version} es demasiado antiguo: se necesita la versión {min} o posterior.',
  problem_no_webrtc: 'Este navegador no puede hacer videollamadas (no tiene WebRTC).',
  problem_no_media_devices: 'Este navegador no puede usar una cámara ni un micrófono.',
  problem_no_websocket:
    'Este navegador no puede mantener una conexión activa con la llamada (no tiene WebSocket).',
  problem_no_e2ee:
    'Esta llamada está cifrada de extremo a extremo y este navegador no puede cifrar llamadas.',
  problem_not_allowed: 'Su organización solo permite estos navegadores: {browsers}.',
  use_instead: 'Abra este enlace en {browsers}.',
  update_chrome:
    'Para actualizar Chrome: menú ⋮ → Ayuda → Información de Google Chrome y reinicie.',
  update_edge:
    'Para actualizar Edge: menú … → Configuración → Acerca de Microsoft Edge y reinicie.',
  update_firefox: 'Para actualizar Firefox: menú ☰ → Ayuda → Acerca de Firefox y reinicie.',
  update_safari:
    'Safari se actualiza con macOS: Ajustes del Sistema → General → Actualización de software.',
  update_ios:
    'En iPhone y iPad todos los navegadores se actualizan con iOS: Ajustes → General → Actualización de software.',
  update_samsung: 'Para actualizar Samsung Internet: Galaxy Store → Menú → Actualizaciones.',
  insecure:
    'Esta página se abrió con una conexión sin cifrar (http://), así que ningún navegador le dejará usar su cámara o micrófono.',
  insecure_hint:
    'Abra el enlace que empieza por https://, o pida al organizador que configure HTTPS.',
  links_disabled: 'La organización ha desactivado las llamadas.',
  links_disabled_hint: 'Pregunte al administrador de su organización si cree que es un error.',
  e2ee_cut:
    'Este enlace está incompleto: falta la clave de cifrado del final, quizá cortada por un programa de correo.',
  e2ee_cut_hint:
    'Vuelva a abrir la invitación y copie el enlace completo, incluido todo lo que va tras el #.',
  name_label: 'Su nombre',
  join: 'Unirse a la llamada',
  join_listen: 'Unirse solo para escuchar',
  camera: 'Cámara',
  microphone: 'Micrófono',
  speaker: 'Altavoz',
  mic_level: 'Nivel del micrófono',
  camera_off: 'Sin cámara',
  perm_denied: 'Esta página no tiene permiso para usar su cámara y micrófono.',
  perm_help_chrome:
    'Haga clic en el icono de cámara a la derecha de la barra de direcciones, elija «Permitir siempre» y recargue la página.',
  perm_help_edge:
    'Haga clic en el candado a la izquierda de la barra de direcciones, ponga Cámara y Micrófono en Permitir y recargue la página.',
  perm_help_firefox:
    'Haga clic en el icono de cámara tachada a la izquierda de la barra de direcciones, quite los bloqueos y recargue la página.',
  perm_help_safari:
    'Menú Safari → Ajustes de este sitio web → Cámara y Micrófono: Permitir, y recargue la página.',
  perm_help_ios:
    'Toque «aA» en la barra de direcciones → Ajustes del sitio web → Cámara y Micrófono: Permitir, y recargue.',
  perm_help_samsung:
    'Toque el candado en la barra de direcciones → Permisos → permita Cámara y Micrófono, y recargue.',
  perm_help_other:
    'Permita la cámara y el micrófono en los ajustes del sitio de su navegador y recargue la página.',
  no_devices: 'No se encontró cámara ni micrófono. Aun así puede unirse para ver y escuchar.',
  listen_only_note: 'Se unirá solo para escuchar: los demás no le verán ni le oirán.',
  net_checking: 'Comprobando su red…',
  net_udp: 'Red: buena.',
  net_tcp: 'Red: las llamadas funcionan, pero solo por TCP, así que la calidad puede ser menor.',
  net_blocked: 'Su red bloquea las llamadas: esta página no pudo llegar al servidor de llamadas.',
  net_blocked_hint:
    'Pruebe otra red (por ejemplo, el punto de acceso de su teléfono), desactive una VPN o un proxy, o pida a su equipo de TI que permita {host}.',
  net_unknown: 'No se pudo comprobar la red; aun así puede intentar unirse.',
  try_again: 'Intentar de nuevo',
  join_anyway: 'Intentar unirse de todos modos',
  waiting: 'Esperando a que el anfitrión le deje entrar…',
  connecting: 'Conectando con la llamada…',
  joined: 'Está en la llamada.',
  full: 'Esta llamada está completa.',
  full_hint: 'Inténtelo más tarde, o pida al organizador que permita a más personas.',
  denied: 'El anfitrión no le dejó entrar.',
  revoked: 'Su propietario eliminó este enlace, así que ya no es posible unirse a la llamada.',
  revoked_hint: 'Pida un enlace nuevo al organizador.',
  ended: 'La llamada ha terminado.',
  removed: 'El anfitrión le sacó de la llamada.',
  error: 'Algo salió mal al unirse.',
  unavailable: 'Las llamadas no están disponibles ahora. Inténtelo de nuevo en unos minutos.',
  rate_limited: 'Demasiados intentos. Espere un minuto y vuelva a intentarlo.',
  lobby_expired: 'Su espera en la sala de espera caducó. Únase de nuevo para volver a llamar.',
  reconnecting: 'Conexión perdida. Reconectando…',
  mute: 'Silenciar',
  unmute: 'Activar micrófono',
  camera_stop: 'Detener cámara',
  camera_start: 'Iniciar cámara',
  share_start: 'Compartir pantalla',
  share_stop: 'Dejar de compartir',
  leave: 'Salir',
  controls: 'Controles de la llamada',
  participants: 'Participantes',
  you: '(usted)',
  host_panel: 'Anfitrión',
  lobby_waiting: 'Esperando para entrar',
  lobby_empty: 'No hay nadie esperando.',
  admit: 'Dejar entrar',
  deny: 'Rechazar',
  remove: 'Sacar',
  end_call: 'Terminar la llamada para todos',
  encrypted: 'Cifrado de extremo a extremo',
  rejoin: 'Unirse de nuevo',
  service_unavailable: 'El servicio de llamadas no está disponible ahora.',
  service_unavailable_hint:
    'No es un problema de su red: el servidor de llamadas está caído o reiniciándose. Inténtelo de nuevo en un minuto.',
  peer_lost: '{name} perdió la conexión.',
  scheduled: 'Esta reunión empieza a las {start} ({in}); la llamada abre a las {opens}.',
  scheduled_hint: 'Esta página le dejará entrar por sí sola cuando abra la llamada.',
  scheduled_none: 'Esta reunión no tiene próximas fechas, así que su llamada está cerrada.',
  waiting_host: 'El anfitrión aún no ha entrado. Podrá entrar en cuanto lo haga.',
  invited_as: 'Invitado como {name}',
  expected_missing: 'Esperados, aún no están: {names}',
  expected_all: 'Están todas las personas esperadas.',
};
