// Engine images → tree nodes (plain data): one group per repository, one child per tag.
// An image with several tags appears under each repository it belongs to, as `docker images` does.
import type Dockerode from 'dockerode';
import { fillMsg, line, type Lang } from '../../../common/src/i18n';
import { formatAge, formatSize, md, shortId } from './format';

export interface ImageNode {
  kind: 'image';
  /** Unique per tree position: the same image can sit under two repositories. */
  key: string;
  imageId: string;
  /** `repo:tag`, or the short id for a dangling image. */
  ref: string;
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  dangling: boolean;
}

export interface RepoNode {
  kind: 'repo';
  key: string;
  label: string;
  description: string;
  children: ImageNode[];
}

export const DANGLING_REPO = '<none>';

const T = {
  id: { ko: 'ID', en: 'ID' },
  tags: { ko: '태그', en: 'Tags' },
  size: { ko: '크기', en: 'Size' },
  created: { ko: '생성', en: 'Created' },
  containers: { ko: '사용 중인 컨테이너', en: 'Containers using it' },
  dangling: { ko: '태그 없는 이미지(dangling)', en: 'Untagged (dangling) image' },
  tagCount: { ko: '태그 {0}개', en: '{0} tags' },
  tagOne: { ko: '태그 1개', en: '1 tag' },
  none: { ko: '없음', en: 'none' },
};

export function isDangling(img: Pick<Dockerode.ImageInfo, 'RepoTags'>): boolean {
  const tags = img.RepoTags ?? [];
  return tags.length === 0 || tags.every((t) => t === '<none>:<none>');
}

function splitTag(repoTag: string): [string, string] {
  const at = repoTag.lastIndexOf(':');
  return at > repoTag.lastIndexOf('/') ? [repoTag.slice(0, at), repoTag.slice(at + 1)] : [repoTag, 'latest'];
}

function tooltipFor(img: Dockerode.ImageInfo, lang: Lang): string {
  const tags = (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const rows: Array<[string, string]> = [
    [line(T.id, lang), shortId(img.Id)],
    [line(T.tags, lang), tags.length ? tags.join(', ') : line(T.none, lang)],
    [line(T.size, lang), formatSize(img.Size)],
    [line(T.created, lang), new Date(img.Created * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
  ];
  if (typeof img.Containers === 'number' && img.Containers >= 0) rows.push([line(T.containers, lang), String(img.Containers)]);
  const head = tags.length ? `**${md(tags[0])}**` : `**${md(line(T.dangling, lang))}**`;
  return [head, '', ...rows.map(([k, v]) => `${md(k)}: \`${v}\``)].join('  \n');
}

export function imageTree(list: Dockerode.ImageInfo[], lang: Lang, opts: { showDangling: boolean; now?: number }): RepoNode[] {
  const repos = new Map<string, ImageNode[]>();
  const add = (repo: string, node: ImageNode) => {
    if (!repos.has(repo)) repos.set(repo, []);
    repos.get(repo)!.push(node);
  };
  const sorted = [...list].sort((a, b) => b.Created - a.Created);
  for (const img of sorted) {
    const description = `${formatSize(img.Size)} · ${formatAge(img.Created, lang, opts.now)}`;
    const tooltip = tooltipFor(img, lang);
    if (isDangling(img)) {
      if (!opts.showDangling) continue;
      add(DANGLING_REPO, {
        kind: 'image',
        key: `${DANGLING_REPO}@${img.Id}`,
        imageId: img.Id,
        ref: shortId(img.Id),
        label: shortId(img.Id),
        description,
        tooltip,
        contextValue: 'image:dangling',
        dangling: true,
      });
      continue;
    }
    for (const rt of img.RepoTags ?? []) {
      if (rt === '<none>:<none>') continue;
      const [repo, tag] = splitTag(rt);
      add(repo, { kind: 'image', key: rt, imageId: img.Id, ref: rt, label: tag, description, tooltip, contextValue: 'image:tagged', dangling: false });
    }
  }
  return [...repos.entries()]
    .sort(([a], [b]) => (a === DANGLING_REPO ? 1 : b === DANGLING_REPO ? -1 : a.localeCompare(b)))
    .map(([repo, children]) => ({
      kind: 'repo',
      key: `repo:${repo}`,
      label: repo === DANGLING_REPO ? line(T.dangling, lang) : repo,
      description: line(children.length === 1 ? T.tagOne : fillMsg(T.tagCount, children.length), lang),
      children,
    }));
}
