/**
 * The stand-in's small, fixed library: a few movies and series with Korean and English texts
 * and Korean certifications covering every value the mapping knows, plus the awkward cases
 * (a movie whose Korean overview is missing, "Restricted Screening", no Korean rating at all,
 * two movies of the same name in different years). Texts are written for the stand-in.
 */
export interface StandInText {
  title: string;
  overview: string;
}

export interface StandInTitle {
  id: number;
  kind: 'movie' | 'tv';
  originalTitle: string;
  originalLanguage: string;
  /** YYYY-MM-DD: release date (movie) or first air date (tv). */
  date: string;
  posterPath: string | null;
  popularity: number;
  /** Per language code ("ko", "en"); a missing or empty text falls back like TMDB's does. */
  texts: Partial<Record<'ko' | 'en', StandInText>>;
  /** The KR certification (movies: release_dates; tv: content_ratings); null for none. */
  krCertification: string | null;
  runtime?: number;
}

export const standInTitles: readonly StandInTitle[] = [
  {
    id: 496243,
    kind: 'movie',
    originalTitle: '기생충',
    originalLanguage: 'ko',
    date: '2019-05-30',
    posterPath: '/parasite-2019.jpg',
    popularity: 88.1,
    texts: {
      ko: {
        title: '기생충',
        overview: '전원 백수인 기택네 장남 기우가 고액 과외 면접을 보러 박사장네 집에 가게 된다.',
      },
      en: {
        title: 'Parasite',
        overview:
          "A jobless family's son lands a tutoring job with a wealthy household, and one by one the rest follow.",
      },
    },
    krCertification: '15',
    runtime: 132,
  },
  {
    id: 27813,
    kind: 'movie',
    originalTitle: 'Parasite',
    originalLanguage: 'en',
    date: '1982-03-12',
    posterPath: null,
    popularity: 4.2,
    texts: {
      en: {
        title: 'Parasite',
        overview: 'A scientist on the run carries a creature that grows inside him.',
      },
    },
    krCertification: null,
  },
  {
    id: 8392,
    kind: 'movie',
    originalTitle: 'となりのトトロ',
    originalLanguage: 'ja',
    date: '1988-04-16',
    posterPath: '/totoro-1988.jpg',
    popularity: 61.5,
    texts: {
      ko: { title: '이웃집 토토로', overview: '시골로 이사 온 자매가 숲의 정령 토토로를 만난다.' },
      en: {
        title: 'My Neighbor Totoro',
        overview: 'Two sisters who move to the countryside meet the spirits of the forest.',
      },
    },
    krCertification: 'All',
  },
  {
    id: 770001,
    kind: 'movie',
    originalTitle: 'The Quiet Harbor',
    originalLanguage: 'en',
    date: '2021-09-03',
    posterPath: '/quiet-harbor-2021.jpg',
    popularity: 12.7,
    // The Korean title exists, the Korean overview does not: suggestions fall back to English.
    texts: {
      ko: { title: '조용한 항구', overview: '' },
      en: {
        title: 'The Quiet Harbor',
        overview: 'A harbour pilot keeps a small town running through one long winter.',
      },
    },
    krCertification: '12',
  },
  {
    id: 670,
    kind: 'movie',
    originalTitle: '올드보이',
    originalLanguage: 'ko',
    date: '2003-11-21',
    posterPath: '/oldboy-2003.jpg',
    popularity: 40.3,
    texts: {
      ko: { title: '올드보이', overview: '이유도 모른 채 15년 동안 갇혀 있던 남자가 풀려난다.' },
      en: {
        title: 'Oldboy',
        overview: 'A man held captive for fifteen years without explanation is suddenly released.',
      },
    },
    krCertification: '18',
  },
  {
    id: 770002,
    kind: 'movie',
    originalTitle: '한밤의 필름',
    originalLanguage: 'ko',
    date: '2018-10-10',
    posterPath: '/midnight-reel-2018.jpg',
    popularity: 2.1,
    texts: {
      ko: { title: '한밤의 필름', overview: '제한상영가 판정을 받은 실험 영화.' },
      en: {
        title: 'Midnight Reel',
        overview: 'An experimental film rated for restricted screening.',
      },
    },
    krCertification: 'Restricted Screening',
  },
  {
    id: 66732,
    kind: 'tv',
    originalTitle: '응답하라 1988',
    originalLanguage: 'ko',
    date: '2015-11-06',
    posterPath: '/reply-1988.jpg',
    popularity: 35.9,
    texts: {
      ko: { title: '응답하라 1988', overview: '1988년 서울 쌍문동 골목의 다섯 가족 이야기.' },
      en: {
        title: 'Reply 1988',
        overview: 'Five families share one alley of a Seoul neighbourhood in 1988.',
      },
    },
    krCertification: '15',
  },
  {
    id: 93405,
    kind: 'tv',
    originalTitle: '오징어 게임',
    originalLanguage: 'ko',
    date: '2021-09-17',
    posterPath: '/squid-game-2021.jpg',
    popularity: 120.4,
    texts: {
      ko: {
        title: '오징어 게임',
        overview: '456억 원의 상금이 걸린 의문의 서바이벌에 참가한 사람들.',
      },
      en: {
        title: 'Squid Game',
        overview: 'Hundreds of cash-strapped players accept an invitation to a deadly game.',
      },
    },
    krCertification: '19',
  },
  {
    id: 13972,
    kind: 'tv',
    originalTitle: '뽀롱뽀롱 뽀로로',
    originalLanguage: 'ko',
    date: '2003-11-27',
    posterPath: '/pororo-2003.jpg',
    popularity: 9.8,
    texts: {
      ko: { title: '뽀롱뽀롱 뽀로로', overview: '호기심 많은 꼬마 펭귄 뽀로로와 친구들의 이야기.' },
      en: {
        title: 'Pororo the Little Penguin',
        overview: 'A curious little penguin and his friends on a snowy island.',
      },
    },
    krCertification: 'ALL',
  },
];

/** The text TMDB would answer for a language tag: the translation, else its fallbacks. */
export function textFor(title: StandInTitle, languageTag: string | null): StandInText {
  const language = (languageTag ?? 'en-US').slice(0, 2);
  const asked = language === 'ko' || language === 'en' ? title.texts[language] : undefined;
  const english = title.texts.en;
  return {
    // TMDB falls back to the default title when a translation has none; overview stays empty.
    title: asked?.title || english?.title || title.originalTitle,
    overview: asked?.overview ?? '',
  };
}
