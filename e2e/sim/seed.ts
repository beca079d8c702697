// Seeds: a small realistic inbox with every awkward case the DOM notes list (same titles,
// unsaved numbers, groups, @lid, muted, pinned, unread, photos or none), a "twins" variant that
// adds a second pair of same-named contacts with media histories, and a generator for large lists.
import type { AccountState, ChatSpec, SeedMessage } from './state';

export const SEEDS = ['default', 'empty', 'twins'] as const;
export type SeedName = (typeof SEEDS)[number];

const DAY = 24 * 60;

export const DEFAULT_CHATS: ChatSpec[] = [
  {
    name: 'Ana Souza',
    phone: '5511987654321',
    avatar: true,
    pinned: true,
    minutesAgo: DAY + 30,
    messages: [
      { text: 'Bom dia! Vocês entregam no sábado?', minutesAgo: 3 * DAY },
      { text: 'Bom dia, Ana! Entregamos sim, das 9h às 13h.', fromMe: true, minutesAgo: 3 * DAY - 5 },
      { text: 'Perfeito, vou querer 2 caixas então', minutesAgo: DAY + 40 },
      { text: 'Anotado ✅', fromMe: true, minutesAgo: DAY + 30 },
    ],
  },
  {
    name: 'John',
    phone: '14155550101',
    avatar: true,
    unread: 2,
    minutesAgo: 12,
    messages: ['Hi, is the store open today?', 'And do you have the blue one in size M?'],
  },
  {
    // Same title as the chat above: titles are not unique.
    name: 'John',
    phone: '447700900123',
    minutesAgo: 3 * 60,
    messages: [{ text: 'Thanks, received it!' }, { text: 'Great, thank you John', fromMe: true }],
  },
  {
    // Unsaved number: the title is the formatted phone number.
    phone: '5511999990000',
    unread: 1,
    minutesAgo: 5,
    messages: ['Olá, vi o anúncio de vocês no Instagram. Qual o preço?'],
  },
  {
    name: 'Equipe Vendas',
    group: true,
    avatar: true,
    participants: [
      { name: 'Ana Souza', phone: '5511987654321' },
      { name: 'Carlos Lima', phone: '5521987651234' },
      { phone: '5521988887777' },
    ],
    unread: 3,
    minutesAgo: 20,
    messages: [
      { text: 'Pessoal, reunião às 15h', author: 1 },
      { text: 'Combinado', fromMe: true },
      { text: 'Posso levar o relatório', author: 2 },
      { text: 'Ótimo', author: 0 },
      { text: 'Alguém viu o pedido 4471?', author: 2 },
    ],
  },
  {
    name: 'Padaria Pão Quente',
    phone: '5511933334444',
    avatar: true,
    muted: true,
    unread: 4,
    minutesAgo: 45,
    messages: ['Promoção de hoje: pão de queijo em dobro!'],
  },
  {
    // A privacy id (@lid) instead of the phone number JID.
    name: 'Maria Oliveira',
    phone: '5531991112222',
    avatar: true,
    lid: true,
    minutesAgo: 90,
    messages: ['Oi! Meu pedido chegou certinho', { text: 'Que bom, Maria! Obrigado 😊', fromMe: true }],
  },
  {
    name: 'Carlos Lima',
    phone: '5521987651234',
    pinned: true,
    muted: true,
    minutesAgo: 2 * DAY,
    messages: [{ text: 'Te mando a planilha amanhã', fromMe: true }],
  },
  {
    name: 'Suporte Técnico',
    group: true,
    muted: true,
    participants: [{ name: 'Pedro Alves', phone: '5541999998888' }, { phone: '5561988776655' }],
    minutesAgo: 4 * DAY,
    messages: [{ text: 'Servidor reiniciado', author: 0 }],
  },
  {
    name: 'Pedro Alves',
    phone: '5541999998888',
    avatar: true,
    minutesAgo: 6 * DAY,
    messages: ['Pode me mandar o boleto?', { text: 'Enviado por email', fromMe: true }],
  },
  {
    phone: '14155550199',
    minutesAgo: 20 * DAY,
    messages: ['Is this still available?'],
  },
];

/** Notes the account keeps in its chat with itself ("Message yourself"). */
export const SELF_NOTES: SeedMessage[] = [
  { text: 'Lembrete: repor caixas de papelão', minutesAgo: 2 * DAY },
  { text: 'Pix da loja: 11.222.333/0001-44', minutesAgo: 2 * DAY - 1 },
];

/**
 * Added by the "twins" seed: two saved contacts with the same name, both answered, one with a
 * photo and one without, whose histories hold every media kind. On the 2026 page (no JID
 * anywhere) only the photo path, the history and the number in the contact drawer tell them apart.
 */
export const TWIN_CHATS: ChatSpec[] = [
  {
    name: 'Mariana Costa',
    phone: '5511976540001',
    avatar: true,
    unread: 1,
    minutesAgo: 8,
    messages: [
      { text: 'Oi! Vocês têm essa camiseta em M?', minutesAgo: 70 },
      { kind: 'image', text: 'Essa aqui 👆', minutesAgo: 69 },
      { text: 'Temos sim! Azul ou preta?', fromMe: true, minutesAgo: 60 },
      { text: 'A azul está em promoção esta semana', fromMe: true, minutesAgo: 59 },
      { kind: 'document', fileName: 'Catalogo-Inverno-2026.pdf', pages: 12, fromMe: true, minutesAgo: 58 },
      // Sent long ago from an older Web client: a 3EB0 id among the A5 ones.
      { text: 'Qualquer dúvida é só chamar', fromMe: true, minutesAgo: 57, id: '3EB0C1D2E3F4A5B6C7D8' },
      { kind: 'voice', seconds: 14, minutesAgo: 20 },
      { kind: 'sticker', minutesAgo: 19 },
      { kind: 'image', fromMe: true, minutesAgo: 12 },
      { text: 'Perfeito, vou passar aí amanhã', minutesAgo: 8 },
    ],
  },
  {
    // Same name, another number, no photo.
    name: 'Mariana Costa',
    phone: '5521976540002',
    minutesAgo: 33,
    messages: [
      { text: 'Oi, tudo bem?', minutesAgo: 40 },
      { text: 'Meu pedido ainda não chegou', minutesAgo: 39 },
      { kind: 'document', fileName: 'comprovante.pdf', minutesAgo: 38 },
      { text: 'Oi Mariana! Vou verificar agora', fromMe: true, minutesAgo: 35 },
      { kind: 'voice', seconds: 5, fromMe: true, minutesAgo: 34 },
      { kind: 'image', text: 'Saiu para entrega hoje cedo', fromMe: true, minutesAgo: 33 },
    ],
  },
];

export function applySeed(state: AccountState, seed: SeedName): void {
  state.clear();
  if (seed === 'empty') return;
  const now = Date.now();
  for (const spec of DEFAULT_CHATS) state.createChat(spec, now);
  if (seed === 'twins') for (const spec of TWIN_CHATS) state.createChat(spec, now);
  // The account's own photo and notes come last, so the chats above keep their ids and JIDs.
  state.self.avatar = state.newPhoto();
  state.addHistory(state.self, SELF_NOTES, 0, now);
}

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Felipe', 'Gabriela', 'Hugo', 'Isabela', 'João', 'Karen', 'Lucas', 'Marina', 'Nicolas', 'Olivia', 'Paulo', 'Quésia', 'Rafael', 'Sofia', 'Thiago', 'Úrsula', 'Vitor', 'Wesley', 'Yara', 'Zeca', 'John', 'Mary', 'Peter'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Smith'];
const TEXTS = ['Olá, tudo bem?', 'Qual o valor do frete?', 'Obrigado!', 'Vocês abrem amanhã?', 'Pode me mandar o catálogo?', 'Chegou aqui, valeu', 'Preciso trocar o tamanho', 'Hi! Is it in stock?', 'Ok 👍', 'Quando chega meu pedido?'];

/**
 * `count` chats with generated names: every 7th an unsaved number, every 11th a group, every
 * 13th muted, a few unread; each with one message so the row has a preview. Activity is spread
 * back in time so the order is stable.
 */
export function generateChats(state: AccountState, count: number, startMinutesAgo = 1): ChatSpec[] {
  const rng = state.rng;
  const specs: ChatSpec[] = [];
  for (let i = 0; i < count; i++) {
    const minutesAgo = startMinutesAgo + i * 3;
    const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    const fromMe = rng.next() < 0.3;
    const spec: ChatSpec = {
      minutesAgo,
      // About two in three people have a photo (decided by position, not by the generator, so
      // the names and numbers stay what they were before photos existed).
      avatar: i % 3 !== 1,
      muted: i % 13 === 5,
      unread: !fromMe && rng.next() < 0.2 ? rng.int(1, 12) : 0,
      messages: [{ text: rng.pick(TEXTS), fromMe, minutesAgo }],
    };
    if (i % 11 === 3) {
      Object.assign(spec, { name: `Grupo ${rng.pick(LAST)} ${i}`, group: true, participants: [{ name }, {}] });
    } else if (i % 7 !== 2) {
      spec.name = name;
    }
    specs.push(spec);
  }
  return specs;
}
