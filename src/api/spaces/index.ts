import type { Endpoint } from '../endpoint.js';
import { addGuests, deleteGuests, updateSpaceGuests } from './guests.js';
import { getSpaceMembers, updateSpaceMembers } from './members.js';
import { deleteSpace, getSpace, updateSpace, updateSpaceBody } from './space.js';
import { getSpacesStatistics } from './statistics.js';
import { addThread, addThreadComment, updateThread } from './threads.js';

/** The space APIs: password and session callers only, as in Kintone. */
export function spaceEndpoints(): Endpoint[] {
  return [
    getSpace,
    updateSpace,
    deleteSpace,
    updateSpaceBody,
    getSpaceMembers,
    updateSpaceMembers,
    addThread,
    updateThread,
    addThreadComment,
    getSpacesStatistics,
    addGuests,
    deleteGuests,
    updateSpaceGuests,
  ];
}
