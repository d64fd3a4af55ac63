import type { Msg } from '../../../common/src/i18n';

/** Link for multi-stage builds in Docker's build guide. */
export const MULTI_STAGE_LINK = 'https://docs.docker.com/build/building/multi-stage/';

/** How a stage name is used where the cursor is: each use means something different to the build. */
export type StageUse = 'definition' | 'base' | 'copy' | 'mount';

/**
 * What a stage name does at each kind of use, for the hover on it. One or two sentences each: the hover also shows
 * where the stage is. Facts: Docker's Dockerfile reference (FROM … AS, COPY --from, RUN --mount from=) and its
 * multi-stage guide (what --target builds with BuildKit and with the legacy builder).
 */
export const STAGE_USE: Record<StageUse, Msg> = {
  definition: {
    ko: '이 이름으로 뒤의 `COPY --from=이름`이나 `FROM 이름`이 이 스테이지를 가리킵니다. `docker build --target 이름`으로 빌드하면 이 스테이지에서 빌드를 멈추고, 그 결과가 이미지가 됩니다.',
    en: 'Later `COPY --from=name` and `FROM name` lines refer to this stage by this name. `docker build --target name` stops the build at this stage and makes its result the image.',
  },
  base: {
    ko: '이 스테이지는 그 스테이지가 끝난 상태에서 시작합니다. 파일뿐 아니라 `ENV`, `WORKDIR`, `USER`, `CMD`/`ENTRYPOINT` 설정도 물려받습니다. 그 스테이지의 `ARG`는 BuildKit에서는 물려받지만 예전 빌더에서는 물려받지 않으므로, 두 빌더 모두에서 빌드해야 한다면 다시 선언하세요.',
    en: 'This stage starts from where that stage ended: its files and also its `ENV`, `WORKDIR`, `USER` and `CMD`/`ENTRYPOINT` settings. That stage’s `ARG`s carry over with BuildKit but not with the legacy builder; declare them again if the file must build with both.',
  },
  copy: {
    ko: '그 스테이지가 끝난 시점의 파일 시스템에서 파일을 복사합니다. 이미지에는 복사한 파일만 들어가고, 그 스테이지의 나머지(컴파일러, 내려받은 압축 파일, 캐시)는 남지 않습니다. 그래서 빌드 도구 없이 작은 최종 이미지를 만들 수 있습니다.',
    en: 'Copies files from that stage’s filesystem as it is when the stage ends. Only the copied files reach this image; the rest of that stage (compilers, downloaded archives, caches) stays behind, which is how a multi-stage build keeps the final image small.',
  },
  mount: {
    ko: '이 `RUN`이 실행되는 동안에만 그 스테이지의 파일 시스템을 마운트합니다. 기본은 읽기 전용이고, 마운트한 파일은 이 레이어에 남지 않습니다.',
    en: 'Mounts that stage’s filesystem only while this `RUN` runs. It is read-only by default, and nothing of the mount stays in this layer.',
  },
};

/** What the builders build, shown with the uses that pull in another stage. */
export const STAGE_BUILDERS: Msg = {
  ko: 'BuildKit은 최종(또는 `--target`) 스테이지가 실제로 쓰는 스테이지만 빌드하고, 예전 빌더는 그 앞의 모든 스테이지를 빌드합니다.',
  en: 'BuildKit builds only the stages the final (or `--target`) stage actually uses; the legacy builder builds every stage before it.',
};
