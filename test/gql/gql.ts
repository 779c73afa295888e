/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n": typeof types.TotalsDocument,
    "\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n": typeof types.FilteredDocument,
    "\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PageDocument,
    "\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": typeof types.NestedPageDocument,
    "\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TreeDocument,
    "\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n": typeof types.CountsDocument,
    "\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n": typeof types.NodesDocument,
    "\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n": typeof types.OrganizationDocument,
    "\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n": typeof types.AuditDocument,
    "\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n": typeof types.EverythingDocument,
    "\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n": typeof types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n": typeof types.NodesByIdsDocument,
    "\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n": typeof types.ByProjectDocument,
};
const documents: Documents = {
    "\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n": types.TotalsDocument,
    "\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n": types.FilteredDocument,
    "\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PageDocument,
    "\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": types.NestedPageDocument,
    "\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TreeDocument,
    "\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n": types.CountsDocument,
    "\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n": types.DashboardDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n": types.NodesDocument,
    "\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n": types.OrganizationDocument,
    "\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n": types.AuditDocument,
    "\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n": types.EverythingDocument,
    "\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n": types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n": types.NodesByIdsDocument,
    "\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n": types.ByProjectDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n"): (typeof documents)["\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n"): (typeof documents)["\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n"): (typeof documents)["\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n"): (typeof documents)["\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n"): (typeof documents)["\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n"): (typeof documents)["\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n"): (typeof documents)["\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n"): (typeof documents)["\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n"): (typeof documents)["\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;