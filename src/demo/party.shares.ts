// The shares the party demo is generated to: the Yunfu article's figures per resident, and the
// mix of member kinds.
import type { MemberKind } from '../modules/party/party.model.ts';

/** 5,703 basic-level organizations, 72,000 members, 13,000 liaison households for 2.4 million people. */
export const PARTY_PER_RESIDENT = { orgs: 5703 / 2_400_000, members: 72_000 / 2_400_000, liaisons: 13_000 / 2_400_000 };
/** Member kinds in the whole membership: in-service ≈ 40 %, retired ≈ 45 %, mobile, seasonal. */
export const MEMBER_MIX: Record<MemberKind, number> = { inService: 0.4, retired: 0.45, mobile: 0.1, seasonal: 0.05 };
