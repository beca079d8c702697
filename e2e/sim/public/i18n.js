// UI strings and date formats per language. Labels are translated as WhatsApp translates them
// (whatsapp-dom.md: aria-labels and placeholders are never a stable hook), and the date order in
// `data-pre-plain-text` follows the locale (M/D/YYYY in English, DD/MM/YYYY in Portuguese).
import { params } from './params.js';

const STRINGS = {
  en: {
    chatList: 'Chat list',
    search: 'Search or start a new chat',
    searchInput: 'Search input textbox',
    typeMessage: 'Type a message',
    send: 'Send',
    voice: 'Voice message',
    attach: 'Attach',
    emojis: 'Emojis',
    menu: 'Menu',
    newChat: 'New chat',
    chats: 'Chats',
    status: 'Status',
    channels: 'Channels',
    communities: 'Communities',
    settings: 'Settings',
    profile: 'Profile',
    all: 'All',
    unread: 'Unread',
    favourites: 'Favourites',
    groups: 'Groups',
    unreadCount: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
    unreadDivider: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
    muted: 'Muted chat',
    pinned: 'Pinned chat',
    today: 'Today',
    yesterday: 'Yesterday',
    you: 'You',
    ack: ['Pending', 'Sent', 'Delivered', 'Read'],
    contactInfo: 'click here for contact info',
    groupInfo: 'click here for group info',
    introTitle: 'WhatsApp Web',
    introText: 'Send and receive messages without keeping your phone online. Use WhatsApp on up to 4 linked devices and 1 phone at the same time.',
    encrypted: 'End-to-end encrypted',
    loading: 'Loading your chats',
    notConnected: 'Computer not connected',
    noResults: 'No chats, contacts or messages found',
    conflict: 'WhatsApp is open in another window. Click “Use here” to use WhatsApp in this window.',
    useHere: 'Use here',
    close: 'Close',
    linkTitle: 'Use WhatsApp on your computer',
    linkSteps: ['Open WhatsApp on your phone', 'Tap Menu or Settings and select Linked devices', 'Tap on Link a device', 'Point your phone to this screen to capture the QR code'],
    maxDevices: 'This account already has 4 linked devices. Log out of one on your phone to link this one.',
    scanMe: 'Scan me!',
    loadingOlder: 'Loading messages…',
    typeMessageTo: (name) => `Type a message to ${name}`,
    youLabel: 'You:',
    youSuffix: '(You)',
    messageYourself: 'Message yourself',
    sectionChats: 'Chats',
    sectionGroupsInCommon: 'Groups in common',
    contactInfoTitle: 'Contact info',
    groupInfoTitle: 'Group info',
    about: 'About',
    aboutText: 'Hey there! I am using WhatsApp.',
    members: (n) => `Group · ${n} members`,
    photo: 'Photo',
    sticker: 'Sticker',
    document: 'Document',
    pages: (n) => (n === 1 ? '1 page' : `${n} pages`),
    play: 'Play',
    download: 'Download',
  },
  pt: {
    chatList: 'Lista de conversas',
    search: 'Pesquisar ou começar uma nova conversa',
    searchInput: 'Caixa de texto de entrada da pesquisa',
    typeMessage: 'Digite uma mensagem',
    send: 'Enviar',
    voice: 'Mensagem de voz',
    attach: 'Anexar',
    emojis: 'Emojis',
    menu: 'Mais opções',
    newChat: 'Nova conversa',
    chats: 'Conversas',
    status: 'Status',
    channels: 'Canais',
    communities: 'Comunidades',
    settings: 'Configurações',
    profile: 'Perfil',
    all: 'Tudo',
    unread: 'Não lidas',
    favourites: 'Favoritas',
    groups: 'Grupos',
    unreadCount: (n) => (n === 1 ? '1 mensagem não lida' : `${n} mensagens não lidas`),
    unreadDivider: (n) => (n === 1 ? '1 mensagem não lida' : `${n} mensagens não lidas`),
    muted: 'Conversa silenciada',
    pinned: 'Conversa fixada',
    today: 'Hoje',
    yesterday: 'Ontem',
    you: 'Você',
    ack: ['Pendente', 'Enviada', 'Entregue', 'Lida'],
    contactInfo: 'clique aqui para ver os dados do contato',
    groupInfo: 'clique aqui para ver os dados do grupo',
    introTitle: 'WhatsApp Web',
    introText: 'Envie e receba mensagens sem precisar manter seu celular conectado. Use o WhatsApp em até 4 aparelhos conectados e 1 celular ao mesmo tempo.',
    encrypted: 'Protegido com a criptografia de ponta a ponta',
    loading: 'Carregando suas conversas',
    notConnected: 'Computador não conectado',
    noResults: 'Nenhuma conversa, contato ou mensagem encontrada',
    conflict: 'O WhatsApp está aberto em outra janela. Clique em “Usar aqui” para usar o WhatsApp nesta janela.',
    useHere: 'Usar aqui',
    close: 'Fechar',
    linkTitle: 'Use o WhatsApp no seu computador',
    linkSteps: ['Abra o WhatsApp no seu celular', 'Toque em Mais opções ou Configurações e selecione Dispositivos conectados', 'Toque em Conectar um dispositivo', 'Aponte seu celular para esta tela para escanear o QR code'],
    maxDevices: 'Esta conta já tem 4 dispositivos conectados. Desconecte um pelo celular para conectar este.',
    scanMe: 'Escaneie-me!',
    loadingOlder: 'Carregando mensagens…',
    typeMessageTo: (name) => `Digite uma mensagem para ${name}`,
    youLabel: 'Você:',
    youSuffix: '(Você)',
    messageYourself: 'Mensagem para você',
    sectionChats: 'Conversas',
    sectionGroupsInCommon: 'Grupos em comum',
    contactInfoTitle: 'Dados do contato',
    groupInfoTitle: 'Dados do grupo',
    about: 'Recado',
    aboutText: 'Olá! Eu estou usando o WhatsApp.',
    members: (n) => `Grupo · ${n} membros`,
    photo: 'Foto',
    sticker: 'Figurinha',
    document: 'Documento',
    pages: (n) => (n === 1 ? '1 página' : `${n} páginas`),
    play: 'Reproduzir',
    download: 'Baixar',
  },
};

export const t = STRINGS[params.lang];
export const htmlLang = params.lang === 'pt' ? 'pt-BR' : 'en';
const locale = params.lang === 'pt' ? 'pt-BR' : 'en-US';

const pad = (n) => String(n).padStart(2, '0');

/** "14:05" (24 h) or "2:05 PM" (12 h). */
export function formatTime(ms) {
  const d = new Date(ms);
  if (params.clock === 24) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const h = d.getHours() % 12 || 12;
  return `${h}:${pad(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
}

/** A voice note's length: "0:07", "1:05". */
export const duration = (seconds) => `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;

/** "3/14/2026" in English, "14/03/2026" in Portuguese. */
export function formatDate(ms) {
  const d = new Date(ms);
  if (params.lang === 'pt') return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
  return `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`;
}

/** The meta WhatsApp puts on `.copyable-text`: `[time, date] Sender: `. */
export function prePlainText(ms, sender) {
  return `[${formatTime(ms)}, ${formatDate(ms)}] ${sender}: `;
}

const startOfDay = (ms) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

export const sameDay = (a, b) => startOfDay(a) === startOfDay(b);

/** 0 today, 1 yesterday, ... */
const daysAgo = (ms) => Math.round((startOfDay(Date.now()) - startOfDay(ms)) / 86_400_000);

const weekday = (ms) => new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(new Date(ms));

/** Time in a chat row: the time today, "Yesterday", a weekday this week, else the date. */
export function listTime(ms) {
  const n = daysAgo(ms);
  if (n <= 0) return formatTime(ms);
  if (n === 1) return t.yesterday;
  if (n < 7) return weekday(ms);
  return formatDate(ms);
}

/** The day divider inside a conversation. */
export function dayLabel(ms) {
  const n = daysAgo(ms);
  if (n <= 0) return t.today;
  if (n === 1) return t.yesterday;
  if (n < 7) return weekday(ms);
  return formatDate(ms);
}
