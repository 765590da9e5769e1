const paths: Record<string, string> = {
  home: 'M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z',
  explore: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm10 17-5.2-5.2',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  bookmark: 'M6 3h12v18l-6-4-6 4z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-8 9a8 8 0 0 1 16 0',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm8-3-2 .8-.6 1.5.9 2-1.4 1.4-2-.9-1.5.6L12 20h-1l-.8-2-1.5-.6-2 .9-1.4-1.4.9-2-.6-1.5L4 12v-1l2-.8.6-1.5-.9-2 1.4-1.4 2 .9 1.5-.6L11 4h1l.8 2 1.5.6 2-.9 1.4 1.4-.9 2 .6 1.5 2 .8z',
  reply: 'M4 5h16v11H9l-5 4z',
  repost: 'M7 7h11v4M17 17H6v-4M15 4l3 3-3 3M9 20l-3-3 3-3',
  quote: 'M5 5h14v10H9l-4 4zM9 9h6M9 12h4',
  heart: 'M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z',
  logout: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  pen: 'M4 20l4-1 11-11-3-3L5 16zM14 6l3 3',
};

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
